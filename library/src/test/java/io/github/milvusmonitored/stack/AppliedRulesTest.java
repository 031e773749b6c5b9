package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules applied with the run's labels, removed only while they carry its id, and a user's rule
 * never touched.
 */
@EnableKubernetesMockClient(crud = true)
class AppliedRulesTest {

  KubernetesClient client;

  private static final RunOwnership RUN = new RunOwnership("run1");
  private static final PrometheusRuleFile FILE =
      PrometheusRuleFile.parse(
          "groups:\n- name: g\n  rules: [{alert: MilvusDown, expr: 'up == 0'}]\n",
          "alerts.yaml",
          "milvus-monitored-alerts");

  private GenericKubernetesResource get(String name) {
    return client
        .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inNamespace("milvus")
        .withName(name)
        .get();
  }

  @Test
  void applies_with_the_run_and_selector_labels_and_removes_at_close() {
    AppliedRules applied =
        AppliedRules.apply(client, FILE, "milvus", RUN, Map.of("release", "kps"));

    GenericKubernetesResource rule = get("milvus-monitored-alerts");
    assertThat(rule.getMetadata().getLabels())
        .containsEntry("release", "kps")
        .containsEntry(RunOwnership.RUN_ID_LABEL, "run1");
    assertThat(applied.alertNames()).containsExactly("MilvusDown");

    applied.close();
    assertThat(get("milvus-monitored-alerts")).isNull();
  }

  @Test
  void a_users_rule_of_the_same_name_is_left_as_it_was() {
    GenericKubernetesResource users =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("PrometheusRule")
            .withNewMetadata()
            .withName("milvus-monitored-alerts")
            .withNamespace("milvus")
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("groups", java.util.List.of()))
            .build();
    client
        .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inNamespace("milvus")
        .resource(users)
        .create();
    String version = get("milvus-monitored-alerts").getMetadata().getResourceVersion();

    assertThatThrownBy(() -> AppliedRules.apply(client, FILE, "milvus", RUN, Map.of()))
        .isInstanceOf(RuleFileException.class)
        .hasMessage(
            "A PrometheusRule milvus/milvus-monitored-alerts already exists and was not created by this run:"
                + " it is left unchanged and the rules of alerts.yaml were not applied. Give the rules another name (the"
                + " PrometheusRule's metadata.name, or the rule file's name), or remove that PrometheusRule if it is a"
                + " leftover: kubectl delete prometheusrule -n milvus milvus-monitored-alerts");
    assertThat(get("milvus-monitored-alerts").getMetadata().getResourceVersion())
        .isEqualTo(version);
  }
}
