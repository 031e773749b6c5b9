package io.github.milvusmonitored.environment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a Prometheus resource selects a ServiceMonitor, as the Prometheus operator decides it
 * (read from its API documentation, v0.92): {@code serviceMonitorSelector} null selects no
 * ServiceMonitor, empty selects all; {@code serviceMonitorNamespaceSelector} null selects only the
 * Prometheus's own namespace, empty selects all namespaces. Label selectors are Kubernetes ones
 * ({@code matchLabels} and {@code matchExpressions} with In, NotIn, Exists, DoesNotExist).
 */
final class PrometheusSelection {

  private PrometheusSelection() {}

  /**
   * What keeps {@code prometheusSpec} from selecting the ServiceMonitor; empty when it selects it.
   */
  static List<String> problems(
      Map<String, Object> prometheusSpec,
      String prometheusNamespace,
      String monitorNamespace,
      Map<String, String> namespaceLabels,
      Map<String, String> monitorLabels) {
    List<String> problems = new ArrayList<>();
    Object nsSelector =
        prometheusSpec == null ? null : prometheusSpec.get("serviceMonitorNamespaceSelector");
    if (nsSelector == null) {
      if (!prometheusNamespace.equals(monitorNamespace)) {
        problems.add(
            "serviceMonitorNamespaceSelector is unset, so only ServiceMonitors in '"
                + prometheusNamespace
                + "' are selected, not in '"
                + monitorNamespace
                + "'");
      }
    } else if (!matches(nsSelector, namespaceLabels)) {
      problems.add(
          "serviceMonitorNamespaceSelector "
              + nsSelector
              + " does not match namespace '"
              + monitorNamespace
              + "' (labels "
              + namespaceLabels
              + ")");
    }
    Object selector = prometheusSpec == null ? null : prometheusSpec.get("serviceMonitorSelector");
    if (selector == null) {
      problems.add("serviceMonitorSelector is unset, so no ServiceMonitor is selected");
    } else if (!matches(selector, monitorLabels)) {
      problems.add(
          "serviceMonitorSelector "
              + selector
              + " does not match the ServiceMonitor's labels "
              + monitorLabels);
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  static boolean matches(Object selector, Map<String, String> labels) {
    if (!(selector instanceof Map<?, ?> map)) {
      return false;
    }
    if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
      for (Map.Entry<?, ?> e : matchLabels.entrySet()) {
        if (!String.valueOf(e.getValue()).equals(labels.get(String.valueOf(e.getKey())))) {
          return false;
        }
      }
    }
    if (map.get("matchExpressions") instanceof List<?> expressions) {
      for (Object expression : expressions) {
        if (!(expression instanceof Map<?, ?> ex) || !holds((Map<String, Object>) ex, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * What would make {@code selector} match {@code labels}: each {@code matchLabels} entry missing
   * or different as {@code key=value}, each failing {@code matchExpressions} entry as written.
   * Empty when it matches.
   */
  @SuppressWarnings("unchecked")
  static List<String> unmet(Object selector, Map<String, String> labels) {
    List<String> out = new ArrayList<>();
    if (!(selector instanceof Map<?, ?> map)) {
      return out;
    }
    if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
      matchLabels.forEach(
          (k, v) -> {
            if (!String.valueOf(v).equals(labels.get(String.valueOf(k)))) {
              out.add(k + "=" + v);
            }
          });
    }
    if (map.get("matchExpressions") instanceof List<?> expressions) {
      for (Object expression : expressions) {
        if (!(expression instanceof Map<?, ?> ex) || !holds((Map<String, Object>) ex, labels)) {
          out.add("expression " + expression);
        }
      }
    }
    return out;
  }

  private static boolean holds(Map<String, Object> expression, Map<String, String> labels) {
    String key = String.valueOf(expression.get("key"));
    List<?> values = expression.get("values") instanceof List<?> l ? l : List.of();
    String value = labels.get(key);
    return switch (String.valueOf(expression.get("operator"))) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(key);
      case "DoesNotExist" -> !labels.containsKey(key);
      default -> false;
    };
  }
}
