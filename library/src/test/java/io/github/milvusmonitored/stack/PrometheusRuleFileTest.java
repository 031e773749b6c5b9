package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a rule file must be, checked before anything is applied, with the messages word for word.
 */
class PrometheusRuleFileTest {

  private static final String FORMAT =
      " A rule file is 'groups: [{name: ..., rules: [{alert: ..., expr: ...}]}]' (the"
          + " format of Prometheus's rule_files), or a PrometheusRule manifest with those groups under 'spec'."
          + " Nothing was applied.";

  @Test
  void a_rule_file_is_named_after_the_file_and_lists_its_alerts(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("Milvus_Alerts.yaml"),
            """
        groups:
        - name: milvus
          rules:
          - record: milvus:req:rate
            expr: sum(rate(milvus_proxy_req_count[1m]))
          - alert: MilvusSearchFailing
            expr: milvus:req:rate > 0
        """);

    PrometheusRuleFile rules = PrometheusRuleFile.read(file);

    assertThat(rules.name()).isEqualTo("milvus-monitored-milvus-alerts");
    assertThat(rules.alertNames()).containsExactly("MilvusSearchFailing");
    assertThat(rules.labels()).isEmpty();
    assertThat(rules.groups()).hasSize(1);
  }

  @Test
  void a_prometheus_rule_keeps_its_name_and_labels() {
    PrometheusRuleFile rules =
        PrometheusRuleFile.parse(
            """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata: {name: milvus-slo, labels: {team: search}}
        spec:
          groups:
          - name: slo
            rules:
            - alert: MilvusSlow
              expr: vector(1)
        """,
            "slo.yaml",
            "unused");

    assertThat(rules.name()).isEqualTo("milvus-slo");
    assertThat(rules.labels()).containsEntry("team", "search");
    assertThat(rules.alertNames()).containsExactly("MilvusSlow");
  }

  @Test
  void what_is_not_a_rule_group_file_is_refused_saying_why() {
    assertThatThrownBy(() -> PrometheusRuleFile.parse("groups: [\n", "a.yaml", "a"))
        .isInstanceOf(RuleFileException.class)
        .hasMessageStartingWith("Rule file a.yaml is not YAML: ")
        .hasMessageEndingWith(FORMAT);
    assertThatThrownBy(() -> PrometheusRuleFile.parse("- alert: X\n  expr: up\n", "b.yaml", "b"))
        .hasMessage(
            "Rule file b.yaml is not a rule group file: found a list where a 'groups' list of rule groups was"
                + " expected."
                + FORMAT);
    assertThatThrownBy(() -> PrometheusRuleFile.parse("rules: []\n", "c.yaml", "c"))
        .hasMessage(
            "Rule file c.yaml is not a rule group file: found no 'groups' list where a 'groups' list of rule"
                + " groups was expected."
                + FORMAT);
    assertThatThrownBy(() -> PrometheusRuleFile.parse("", "d.yaml", "d"))
        .hasMessage(
            "Rule file d.yaml is not a rule group file: found an empty document where a 'groups' list of rule"
                + " groups was expected."
                + FORMAT);
    assertThatThrownBy(
            () -> PrometheusRuleFile.parse("groups:\n- name: g\n  rules: []\n", "e.yaml", "e"))
        .hasMessage(
            "Rule file e.yaml: group 1 ('g') has no 'rules' list; each group needs a unique 'name' and a"
                + " non-empty 'rules' list."
                + FORMAT);
    assertThatThrownBy(
            () ->
                PrometheusRuleFile.parse(
                    "groups:\n- name: g\n  rules: [{alert: A, expr: up}]\n"
                        + "- name: g\n  rules: [{alert: B, expr: up}]\n",
                    "f.yaml",
                    "f"))
        .hasMessage(
            "Rule file f.yaml: group 2 repeats the name 'g'; each group needs a unique 'name' and a"
                + " non-empty 'rules' list."
                + FORMAT);
    assertThatThrownBy(
            () ->
                PrometheusRuleFile.parse(
                    "groups:\n- name: g\n  rules: [{alert: A, record: b, expr: up}]\n",
                    "g.yaml",
                    "g"))
        .hasMessage(
            "Rule file g.yaml: rule 1 of group 'g' needs exactly one of 'alert' or 'record'."
                + FORMAT);
    assertThatThrownBy(
            () ->
                PrometheusRuleFile.parse(
                    "groups:\n- name: g\n  rules: [{alert: A}]\n", "h.yaml", "h"))
        .hasMessage("Rule file h.yaml: rule 1 of group 'g' has no 'expr'." + FORMAT);
  }
}
