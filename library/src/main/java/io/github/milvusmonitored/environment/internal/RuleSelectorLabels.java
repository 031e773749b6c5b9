package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.stack.RuleFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels a PrometheusRule needs for a Prometheus resource to load it: its {@code
 * ruleSelector}'s {@code matchLabels}. The operator's rules for the selectors are those of
 * ServiceMonitors (v0.92): a null {@code ruleSelector} selects no PrometheusRule, {@code {}} all; a
 * null {@code ruleNamespaceSelector} only the Prometheus's own namespace, {@code {}} every
 * namespace.
 */
final class RuleSelectorLabels {

  private RuleSelectorLabels() {}

  @SuppressWarnings("unchecked")
  static Map<String, String> required(
      KubernetesClient client,
      String prometheusNamespace,
      String prometheusName,
      String ruleNamespace) {
    GenericKubernetesResource prometheus =
        client
            .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
            .inNamespace(prometheusNamespace)
            .withName(prometheusName)
            .get();
    if (prometheus == null) {
      throw new RuleFileException(
          RuleSelectorTexts.noPrometheus(prometheusNamespace, prometheusName));
    }
    Map<String, Object> spec =
        prometheus.getAdditionalProperties().get("spec") instanceof Map<?, ?> m
            ? (Map<String, Object>) m
            : Map.of();
    Object selector = spec.get("ruleSelector");
    String who = prometheusNamespace + "/" + prometheusName;
    if (!(selector instanceof Map<?, ?> ruleSelector)) {
      throw new RuleFileException(RuleSelectorTexts.ruleSelectorUnset(who));
    }
    if (ruleSelector.get("matchExpressions") != null) {
      throw new RuleFileException(RuleSelectorTexts.ruleSelectorExpressions(who, ruleSelector));
    }
    Object nsSelector = spec.get("ruleNamespaceSelector");
    Namespace ns = client.namespaces().withName(ruleNamespace).get();
    Map<String, String> nsLabels =
        ns == null || ns.getMetadata().getLabels() == null
            ? Map.of()
            : ns.getMetadata().getLabels();
    boolean namespaceSelected =
        nsSelector == null
            ? prometheusNamespace.equals(ruleNamespace)
            : PrometheusSelection.matches(nsSelector, nsLabels);
    if (!namespaceSelected) {
      throw new RuleFileException(
          RuleSelectorTexts.ruleNamespaceNotSelected(who, nsSelector, ruleNamespace, nsLabels));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (ruleSelector.get("matchLabels") instanceof Map<?, ?> match) {
      match.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    }
    return labels;
  }
}
