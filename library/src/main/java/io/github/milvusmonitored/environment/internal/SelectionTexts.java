package io.github.milvusmonitored.environment.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The words of the "ServiceMonitor not selected" diagnosis, in one place. */
final class SelectionTexts {

  private SelectionTexts() {}

  static String notSelected(
      String monitor,
      Map<String, String> monitorLabels,
      Map<String, String> nsLabels,
      List<String> reasons) {
    return "ServiceMonitor "
        + monitor
        + " exists, but no Prometheus resource selects it, so no Prometheus has a scrape"
        + " job for it (its labels "
        + monitorLabels
        + ", its namespace's labels "
        + nsLabels
        + "). "
        + (reasons.isEmpty()
            ? "There is no Prometheus resource in the cluster (kubectl get prometheus -A)."
            : String.join(". ", reasons) + ".");
  }

  static String ownNamespaceOnly(String prometheusNamespace, String monitorNamespace) {
    return "serviceMonitorNamespaceSelector is unset, so it selects ServiceMonitors in its own namespace '"
        + prometheusNamespace
        + "' only, not in '"
        + monitorNamespace
        + "'; fix: its owner sets"
        + " serviceMonitorNamespaceSelector: {} (or one matching namespace '"
        + monitorNamespace
        + "')";
  }

  static String namespaceExcluded(Object selector, String namespace, List<String> unmet) {
    List<String> labels = unmet.stream().filter(u -> !u.startsWith("expression ")).toList();
    return "serviceMonitorNamespaceSelector "
        + selector
        + " excludes namespace '"
        + namespace
        + "'; fix: "
        + (labels.size() == unmet.size()
            ? "kubectl label namespace " + namespace + " " + String.join(" ", labels)
            : "give namespace '"
                + namespace
                + "' labels for which "
                + String.join(", ", unmet)
                + " hold");
  }

  static String selectorUnset() {
    return "serviceMonitorSelector is unset, so it selects no ServiceMonitor at all; fix: its owner sets"
        + " serviceMonitorSelector: {} or labels to match";
  }

  static String labelsExcluded(Object selector, List<String> unmet) {
    List<String> labels = unmet.stream().filter(u -> !u.startsWith("expression ")).toList();
    String values =
        labels.stream()
            .map(l -> l.substring(0, l.indexOf('=')) + ": " + l.substring(l.indexOf('=') + 1))
            .collect(Collectors.joining(", ", "{", "}"));
    return "serviceMonitorSelector "
        + selector
        + " excludes it; fix: "
        + (labels.size() == unmet.size()
            ? "give the ServiceMonitor the label"
                + (labels.size() == 1 ? " " : "s ")
                + String.join(", ", labels)
                + " (Milvus chart value metrics.serviceMonitor.additionalLabels: "
                + values
                + "; with this library,"
                + " MilvusReleaseConfig.Builder.withValues(..) or withValuesFile(..))"
            : "give the ServiceMonitor labels for which " + String.join(", ", unmet) + " hold");
  }
}
