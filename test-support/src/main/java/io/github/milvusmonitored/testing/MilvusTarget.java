package io.github.milvusmonitored.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Milvus scrape target labelled the way kube-prometheus labels the chart's ServiceMonitor
 * targets.
 *
 * <pre>{@code
 * MilvusTarget target = MilvusTarget.standalone(exporter.port()).withNamespace("vectors");
 * target.jobName();   // serviceMonitor/vectors/my-release-milvus-standalone/0
 * }</pre>
 *
 * <p>The Prometheus operator names the job {@code serviceMonitor/<namespace>/<ServiceMonitor>/0}
 * and labels every series with namespace, service, pod, container, endpoint, job (the Service name)
 * and the ServiceMonitor's target labels app_kubernetes_io_name, app_kubernetes_io_instance and
 * component.
 *
 * @param port the exporter's port on the host
 * @param namespace namespace of the Milvus release, {@code milvus}
 * @param release Helm release name, {@code my-release}
 * @param component Milvus component, {@code standalone}
 * @param podSuffix ReplicaSet and pod hash of the pod name
 */
public record MilvusTarget(
    int port, String namespace, String release, String component, String podSuffix) {

  /** The chart's standalone target in namespace {@code milvus}, release {@code my-release}. */
  public static MilvusTarget standalone(int port) {
    return new MilvusTarget(port, "milvus", "my-release", "standalone", "6b9f7c8d5f-x2x7q");
  }

  public MilvusTarget withNamespace(String value) {
    return new MilvusTarget(port, value, release, component, podSuffix);
  }

  public MilvusTarget withRelease(String value) {
    return new MilvusTarget(port, namespace, value, component, podSuffix);
  }

  public MilvusTarget withComponent(String value) {
    return new MilvusTarget(port, namespace, release, value, podSuffix);
  }

  public MilvusTarget withPodSuffix(String value) {
    return new MilvusTarget(port, namespace, release, component, value);
  }

  public MilvusTarget withPort(int value) {
    return new MilvusTarget(value, namespace, release, component, podSuffix);
  }

  /**
   * The chart's full name: the release name, plus {@code -milvus} unless it already contains
   * "milvus".
   */
  public String service() {
    return release.contains("milvus") ? release : release + "-milvus";
  }

  /** The ServiceMonitor's name, {@code <service>-<component>}. */
  public String serviceMonitor() {
    return service() + "-" + component;
  }

  /** The scrape job (and scrape pool) name the operator generates. */
  public String jobName() {
    return "serviceMonitor/" + namespace + "/" + serviceMonitor() + "/0";
  }

  /** The pod name, {@code <service>-<component>-<podSuffix>}. */
  public String pod() {
    return serviceMonitor() + "-" + podSuffix;
  }

  /** The target labels Prometheus attaches to every series scraped from this target. */
  public Map<String, String> targetLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("namespace", namespace);
    labels.put("service", service());
    labels.put("pod", pod());
    labels.put("container", component);
    labels.put("endpoint", "metrics");
    labels.put("job", service());
    labels.put("app_kubernetes_io_name", "milvus");
    labels.put("app_kubernetes_io_instance", release);
    labels.put("component", component);
    return labels;
  }
}
