package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.access.ForwardTarget;
import java.util.Map;

/**
 * The Prometheus resource an environment's client talks to, its Service, and the labels the chart's
 * ServiceMonitor needs for it to select it.
 *
 * @param namespace the Prometheus resource's namespace
 * @param name its name
 * @param serviceAccount the ServiceAccount its pods discover targets with
 * @param service the Service in front of its pods
 * @param portName that Service's port for the HTTP API
 * @param port its number
 * @param monitorLabels labels the chart's ServiceMonitor must get
 *     (metrics.serviceMonitor.additionalLabels); empty when it selects the ServiceMonitor as
 *     rendered
 * @param installed whether this library installs it (kube-prometheus's {@code monitoring/k8s})
 */
record ChosenPrometheus(
    String namespace,
    String name,
    String serviceAccount,
    String service,
    String portName,
    int port,
    Map<String, String> monitorLabels,
    boolean installed) {

  /**
   * kube-prometheus's Prometheus, which the library installs or finds healthy in {@code
   * monitoring}.
   */
  static final ChosenPrometheus KUBE_PROMETHEUS =
      new ChosenPrometheus(
          "monitoring", "k8s", "prometheus-k8s", "prometheus-k8s", "web", 9090, Map.of(), true);

  ChosenPrometheus {
    monitorLabels = Map.copyOf(monitorLabels);
  }

  ForwardTarget forwardTarget() {
    return ForwardTarget.of(namespace, service, port);
  }

  String ref() {
    return namespace + "/" + name;
  }
}
