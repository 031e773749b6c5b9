package io.github.milvusmonitored.environment.internal;

import java.util.List;
import java.util.Map;

/** The words of using an existing operator-based stack, in one place. */
final class ExistingStackTexts {

  private static final String SETTING =
      " (setting stack=existing: @MilvusMonitored(stack = \"existing\"), system"
          + " property milvus.monitored.stack, EnvironmentConfig.withStack(StackMode.EXISTING))";

  private ExistingStackTexts() {}

  static String noStack() {
    return "No operator-based Prometheus stack was found to use"
        + SETTING
        + ": no Deployment runs a Prometheus"
        + " operator (image prometheus-operator/prometheus-operator) with a Prometheus resource in the cluster."
        + " Nothing was changed. Install kube-prometheus-stack or kube-prometheus first, or let the library install"
        + " kube-prometheus (stack=install or stack=auto).";
  }

  static String noPrometheus(List<String> operators) {
    return "The cluster runs a Prometheus operator ("
        + String.join(", ", operators)
        + ") but has no Prometheus"
        + " resource, so nothing would scrape Milvus"
        + SETTING
        + ". Nothing was changed. Create a Prometheus"
        + " resource (kube-prometheus-stack: prometheus.enabled=true), or use stack=install on a cluster without"
        + " an operator.";
  }

  static String operatorNotRunning(List<String> operators, List<String> prometheuses) {
    return "The existing stack's Prometheus operator is not running: "
        + String.join(", ", operators)
        + ". Without"
        + " it no ServiceMonitor becomes a scrape job for Prometheus "
        + String.join(", ", prometheuses)
        + SETTING
        + ". Nothing was changed. Check the operator's pods (kubectl get pods -A -l app.kubernetes.io/name=prometheus-"
        + "operator; with kube-prometheus-stack also -l app=kube-prometheus-stack-operator) and their events.";
  }

  static String several(List<String> selecting, String chosen) {
    return "Prometheus resources "
        + selecting
        + " all select the Milvus ServiceMonitor; using "
        + chosen
        + ", the"
        + " first by namespace and name (its targets, rules and alerts are the ones the client reads)";
  }

  static String labelsAdded(String monitor, String prometheus, Map<String, String> labels) {
    return "no Prometheus resource selects ServiceMonitor "
        + monitor
        + " as the chart renders it; it gets the labels "
        + labels
        + " (chart value metrics.serviceMonitor.additionalLabels) that the serviceMonitorSelector of "
        + prometheus
        + " asks for";
  }

  static String noneSelects(
      String monitor,
      Map<String, String> monitorLabels,
      Map<String, String> namespaceLabels,
      List<String> reasons) {
    return "No Prometheus resource of the existing stack would select the Milvus ServiceMonitor "
        + monitor
        + " (labels "
        + monitorLabels
        + ", namespace labels "
        + namespaceLabels
        + ")"
        + SETTING
        + ", and labels on"
        + " the ServiceMonitor alone cannot fix it. "
        + String.join(". ", reasons)
        + ". Nothing was changed.";
  }

  static String noService(String prometheus) {
    return "Prometheus "
        + prometheus
        + " has no Service selecting its pods (app.kubernetes.io/name=prometheus,"
        + " operator.prometheus.io/name), so its API cannot be reached through the API server. Nothing was changed."
        + " The operator creates 'prometheus-operated' in its namespace once the Prometheus is reconciled: check"
        + " the operator's log.";
  }
}
