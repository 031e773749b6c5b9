package io.github.milvusmonitored.assertions;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert assertion against a real Prometheus evaluating real rules over scraped Milvus metrics.
 */
class AlertAssertIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV =
      PrometheusWithMilvusExporter.builder()
          .withRuleFile(
              "alerts.yaml",
              """
          groups:
          - name: milvus-alerts
            interval: 1s
            rules:
            - alert: MilvusUp
              expr: sum by (namespace, app_kubernetes_io_instance) (milvus_build_info) > 0
              for: 2s
              labels: {severity: info}
            - alert: MilvusUpForAnHour
              expr: sum by (namespace, app_kubernetes_io_instance) (milvus_build_info) > 0
              for: 1h
            - alert: MilvusHasTenNodes
              expr: sum(milvus_build_info) >= 10
              for: 30s
          """)
          .build();

  static PrometheusClient prometheus;

  @BeforeAll
  static void client() {
    ENV.awaitFirstScrape();
    prometheus = PrometheusClient.create(ENV.prometheus().baseUri());
  }

  @Test
  void waits_for_a_rule_to_fire_with_the_given_labels() {
    assertThatAlert(prometheus, "MilvusUp")
        .withLabel("app_kubernetes_io_instance", "my-release")
        .withLabel("severity", "info")
        .eventually(Duration.ofSeconds(30))
        .isFiring();
  }

  @Test
  void
      a_rule_whose_for_has_not_passed_is_pending_and_the_failure_shows_rule_value_for_and_history() {
    assertThatAlert(prometheus, "MilvusUpForAnHour").eventually(Duration.ofSeconds(30)).isPending();

    assertThatThrownBy(
            () ->
                assertThatAlert(prometheus, "MilvusUpForAnHour")
                    .eventually(Duration.ofSeconds(2))
                    .isFiring())
        .isInstanceOf(AlertAssertionError.class)
        .hasMessageStartingWith(
            "Alert assertion did not hold within 2.0 s: alert MilvusUpForAnHour expected firing,"
                + " last seen pending.\n  Rule:        group milvus-alerts (")
        .hasMessageContaining(
            "), evaluated every 1s\n  Expression:  sum by (namespace, app_kubernetes_io_instance)"
                + " (milvus_build_info) > 0\n  For:         1h\n  Health:      ok\n  Value now:   "
                + "{app_kubernetes_io_instance=\"my-release\", namespace=\"milvus\"} 1\n  Alerts now:  "
                + "{alertname=\"MilvusUpForAnHour\", app_kubernetes_io_instance=\"my-release\", namespace=\"milvus\"} pending since ")
        .hasMessageMatching(
            "(?s).*\n  History:     \\d+ asks in \\d+\\.\\d s, each change:\n    \\+0\\.0 s  pending:"
                + " \\{alertname=\"MilvusUpForAnHour\", app_kubernetes_io_instance=\"my-release\", namespace=\"milvus\"\\}"
                + " pending, value 1");
  }

  @Test
  void a_rule_that_does_not_hold_is_inactive_and_a_firing_assertion_says_the_expression_is_empty() {
    assertThatAlert(prometheus, "MilvusHasTenNodes").isInactive();

    assertThatThrownBy(() -> assertThatAlert(prometheus, "MilvusHasTenNodes").isFiring())
        .isInstanceOf(AlertAssertionError.class)
        .hasMessageStartingWith(
            "Alert assertion failed: alert MilvusHasTenNodes expected firing, last seen inactive.")
        .hasMessageContaining(
            "\n  Expression:  sum(milvus_build_info) >= 10\n  For:         30s\n  Health:      ok\n"
                + "  Value now:   no series (the expression holds for nothing now)\n  Alerts now:  none pending or firing\n"
                + "  History:     1 asks in ")
        .hasMessageEndingWith(", each change:\n    +0.0 s  inactive");
  }

  @Test
  void labels_no_alert_carries_leave_the_alert_inactive_and_the_failure_says_so() {
    assertThatAlert(prometheus, "MilvusUp").eventually(Duration.ofSeconds(30)).isFiring();

    assertThatThrownBy(
            () ->
                assertThatAlert(prometheus, "MilvusUp")
                    .withLabel("app_kubernetes_io_instance", "other")
                    .isFiring())
        .isInstanceOf(AlertAssertionError.class)
        .hasMessageStartingWith(
            "Alert assertion failed: alert MilvusUp with labels"
                + " {app_kubernetes_io_instance=\"other\"} expected firing, last seen inactive.")
        .hasMessageEndingWith(
            "\n  The rule has active alerts, but none with {app_kubernetes_io_instance=\"other\"}:"
                + " check the labels its expression keeps (by (...)) and the rule adds.");
  }

  @Test
  void an_alert_name_no_rule_defines_fails_naming_the_rules_that_exist() {
    assertThatThrownBy(() -> assertThatAlert(prometheus, "MilvusDown").isFiring())
        .isInstanceOf(AlertAssertionError.class)
        .hasMessage(
            "Alert assertion failed: no alerting rule named MilvusDown is loaded in the Prometheus at "
                + prometheus.baseUri()
                + " (asked 1 times in "
                + "%s"
                + ").\n  Alerting rules loaded: MilvusUp,"
                + " MilvusUpForAnHour, MilvusHasTenNodes\n  The name may differ, or the rule file or PrometheusRule"
                + " defining it is not loaded (yet): check the name, the rule's health in Prometheus's /api/v1/rules, and"
                + " that the Prometheus's ruleSelector and ruleNamespaceSelector select the PrometheusRule"
                + " (MonitoredEnvironment.applyRules labels it for the environment's Prometheus).",
            "0.0 s");
    assertThatThrownBy(() -> assertThatAlert(prometheus, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Alert name must not be blank. Example: assertThatAlert(env.prometheus(), \"MilvusSearchFailing\").");
  }

  @Test
  void the_milvus_view_lists_the_release_alerts_only() {
    assertThatAlert(prometheus, "MilvusUp").eventually(Duration.ofSeconds(30)).isFiring();
    io.github.milvusmonitored.metrics.MilvusMetrics milvus =
        io.github.milvusmonitored.metrics.MilvusMetrics.of(
            prometheus,
            io.github.milvusmonitored.metrics.MilvusSelector.of("milvus", "my-release"));
    assertThat(milvus.alerts())
        .extracting(a -> a.name() + " " + a.state())
        .containsExactly("MilvusUp firing", "MilvusUpForAnHour pending");
    assertThat(
            io.github.milvusmonitored.metrics.MilvusMetrics.of(
                    prometheus, io.github.milvusmonitored.metrics.MilvusSelector.of("milvus", "my"))
                .alerts())
        .isEmpty();
  }
}
