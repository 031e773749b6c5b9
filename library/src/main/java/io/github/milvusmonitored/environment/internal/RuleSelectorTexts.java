package io.github.milvusmonitored.environment.internal;

import java.util.Map;

/**
 * Why a rule file cannot be applied for the Prometheus the environment queries: its rule selectors.
 */
final class RuleSelectorTexts {

  private RuleSelectorTexts() {}

  static String noPrometheus(String namespace, String name) {
    return "The Prometheus resource "
        + namespace
        + "/"
        + name
        + " that the environment queries does not exist, so no"
        + " operator would hand it a PrometheusRule; nothing was applied. Check `kubectl get prometheus -A`.";
  }

  static String ruleSelectorUnset(String prometheus) {
    return "Prometheus "
        + prometheus
        + " has no ruleSelector, so it loads no PrometheusRule (the operator reads an"
        + " unset selector as 'none'); nothing was applied. Its owner can set `ruleSelector: {}` or labels to match.";
  }

  static String ruleSelectorExpressions(String prometheus, Object selector) {
    return "Prometheus "
        + prometheus
        + " selects PrometheusRules with matchExpressions "
        + selector
        + ", which this"
        + " library does not satisfy by itself; nothing was applied. Put the labels they require in the"
        + " PrometheusRule's metadata.labels and apply that manifest.";
  }

  static String ruleNamespaceNotSelected(
      String prometheus, Object selector, String namespace, Map<String, String> labels) {
    return "Prometheus "
        + prometheus
        + " does not load PrometheusRules from namespace '"
        + namespace
        + "': its"
        + " ruleNamespaceSelector is "
        + (selector == null ? "unset (its own namespace only)" : selector.toString())
        + " and the namespace's labels are "
        + labels
        + "; nothing was applied. Label the namespace to match, or"
        + " ask the Prometheus's owner to select it.";
  }
}
