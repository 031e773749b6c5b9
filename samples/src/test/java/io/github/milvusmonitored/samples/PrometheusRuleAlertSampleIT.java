package io.github.milvusmonitored.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.Alert;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.Rules;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Applies a {@code PrometheusRule} with an alert on a Milvus metric and asserts that Prometheus
 * loads the rule and the alert fires: the "create alerts" step of Milvus's monitoring guide.
 *
 * <p>kube-prometheus's Prometheus selects every PrometheusRule in every namespace ({@code
 * ruleSelector: {}}, {@code ruleNamespaceSelector: {}}), so no particular label is needed. The
 * operator writes the rule into a ConfigMap that Prometheus reloads, which takes up to a minute or
 * two. The minimal stack profile has no Alertmanager: alerts are still evaluated and listed by
 * Prometheus, just not sent anywhere.
 */
@MilvusMonitored
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class PrometheusRuleAlertSampleIT {

  private static final String ALERT = "MilvusUp";
  private static final Duration RULE_LOADED = Duration.ofMinutes(4);

  @Test
  void alert_on_a_milvus_metric_fires(
      KubernetesClient kubernetes, PrometheusClient prometheus, MilvusMetrics milvus) {
    String namespace = milvus.release().namespace();
    PrometheusRule rule =
        new PrometheusRuleBuilder()
            .withNewMetadata()
            .withName("milvus-samples-alerts")
            .withNamespace("monitoring")
            .addToLabels("app.kubernetes.io/part-of", "milvus-monitored-samples")
            .endMetadata()
            .withNewSpec()
            .addNewGroup()
            .withName("milvus-samples")
            .addNewRule()
            .withAlert(ALERT)
            .withExpr(new IntOrString("milvus_build_info{namespace=\"" + namespace + "\"} > 0"))
            .withFor("0m")
            .addToLabels("severity", "info")
            .addToAnnotations("summary", "Milvus in namespace " + namespace + " is scraped")
            .endRule()
            .endGroup()
            .endSpec()
            .build();

    kubernetes.resource(rule).createOr(NonDeletingOperation::update);
    try {
      Rules.Rule loaded =
          await("rule " + ALERT + " loaded by Prometheus")
              .atMost(RULE_LOADED)
              .pollInterval(Duration.ofSeconds(5))
              .until(
                  () ->
                      prometheus.rules().all().stream()
                          .filter(r -> ALERT.equals(r.name()))
                          .findFirst()
                          .orElse(null),
                  r -> r != null && "ok".equals(r.health()));
      assertThat(loaded.type()).isEqualTo("alerting");

      Alert alert =
          await("alert " + ALERT + " firing")
              .atMost(RULE_LOADED)
              .pollInterval(Duration.ofSeconds(5))
              .until(
                  () ->
                      prometheus.alerts().stream()
                          .filter(a -> ALERT.equals(a.name()) && a.isFiring())
                          .findFirst()
                          .orElse(null),
                  a -> a != null);
      assertThat(alert.labels().find("namespace")).contains(namespace);
      assertThat(alert.labels().find("severity")).contains("info");
      assertThat(alert.activeAt()).isPresent();
    } finally {
      // The environment is shared with other classes: leave it as it was.
      kubernetes.resource(rule).delete();
    }
  }
}
