package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatAlert;
import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.assertions.AlertAssertionError;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.stack.AppliedRules;
import io.github.milvusmonitored.stack.RuleFileException;
import io.github.milvusmonitored.stack.RunOwnership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's alerting rule, applied as a PrometheusRule for the run, turned into a rule file by the
 * real operator v0.92 and evaluated by the real Prometheus 3.12 of the lab, fires on real failed
 * searches of the real Milvus 2.3.5; the alert assertion waits for it inactive, pending and firing,
 * and its failure message shows the rule, its value and its history. Closing the rules removes the
 * PrometheusRule and Prometheus unloads the rule.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class AlertFiringIT {

  static final String RULES =
      """
      groups:
      - name: milvus-search
        interval: 5s
        rules:
        - alert: MilvusSearchFailing
          expr: >-
            sum by (namespace, app_kubernetes_io_instance)
            (increase(milvus_proxy_req_count{function_name="Search", status="fail"}[2m])) > 0
          for: 10s
          labels: {severity: warning}
          annotations: {summary: "Searches fail in {{ $labels.app_kubernetes_io_instance }}"}
      """;
  static final String EXPR =
      "sum by (namespace, app_kubernetes_io_instance) (increase(milvus_proxy_req_count"
          + "{function_name=\"Search\",status=\"fail\"}[2m])) > 0";

  /**
   * From the PrometheusRule's creation to the rule loaded: the operator's reconcile (it watches
   * PrometheusRules), the lab's one-second ConfigMap copy, the reloader's one-second comparison,
   * Prometheus's reload; then one group evaluation (5 s). The operator's resync and its
   * rate-limited requeue are well inside a minute.
   */
  static final Duration RULE_LOADED = Duration.ofMinutes(1);

  /** A failed search scraped: two scrape intervals and the timeout. */
  static final Duration SCRAPED =
      LabConfigs.SCRAPE_INTERVAL.multipliedBy(2).plus(LabConfigs.SCRAPE_TIMEOUT);

  /**
   * Pending once the increase is scraped, then firing after 'for' (10 s): evaluations every 5 s,
   * two more.
   */
  static final Duration PENDING = SCRAPED.plus(Duration.ofSeconds(10));

  static final Duration FIRING = Duration.ofSeconds(10).plus(Duration.ofSeconds(5).multipliedBy(3));

  @Test
  void a_users_rule_fires_on_real_failed_searches_and_the_assertion_sees_it(
      Lab lab, @TempDir Path dir) throws Exception {
    Path ruleFile = Files.writeString(dir.resolve("milvus-alerts.yaml"), RULES);
    Path notRules = Files.writeString(dir.resolve("notes.yaml"), "groups: [\n");
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "alert-firing"))) {
      MilvusMetrics metrics = env.milvusMetrics();

      assertThatThrownBy(() -> env.applyRules(notRules))
          .isInstanceOf(RuleFileException.class)
          .hasMessageStartingWith("Rule file " + notRules + " is not YAML: ");
      assertThat(prometheusRules(admin))
          .as("nothing applied for a file that is not YAML")
          .isEmpty();

      AppliedRules rules = env.applyRules(ruleFile);
      GenericKubernetesResource applied =
          admin
              .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
              .inNamespace("milvus")
              .withName("milvus-monitored-milvus-alerts")
              .get();
      assertThat(applied.getMetadata().getLabels())
          .containsEntry(RunOwnership.MANAGED_BY_LABEL, RunOwnership.MANAGED_BY)
          .containsKey(RunOwnership.RUN_ID_LABEL);
      long t0 = System.nanoTime();
      assertThatAlert(metrics, "MilvusSearchFailing").eventually(RULE_LOADED).isInactive();
      System.out.printf(
          "rule loaded by Prometheus %.1f s after the PrometheusRule was created (bound %d s)%n",
          (System.nanoTime() - t0) / 1e9, RULE_LOADED.toSeconds());
      assertThat(env.prometheus().rules().groups())
          .singleElement()
          .satisfies(
              g ->
                  assertThat(g.file())
                      .as("the rule file the operator generated")
                      .contains(
                          "prometheus-k8s-rulefiles-0/milvus-"
                              + "milvus-monitored-milvus-alerts-"));

      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        traffic.createCollection("books").insert("books", 10);
        // The first failure creates the counter's series at 1, which increase() cannot see: the
        // alert stays
        // inactive until failures follow a scraped sample.
        traffic.failingSearch("no_such_collection");
        assertThatMetric(
                metrics,
                "sum("
                    + metrics
                        .release()
                        .select(
                            "milvus_proxy_req_count", "function_name=\"Search\", status=\"fail\"")
                    + ")")
            .eventually(SCRAPED)
            .isEqualTo(1);
        assertThatAlert(metrics, "MilvusSearchFailing").isInactive();
        for (int i = 0; i < 3; i++) {
          traffic.failingSearch("no_such_collection");
        }
      }
      long t1 = System.nanoTime();
      assertThatAlert(metrics, "MilvusSearchFailing")
          .withLabel("namespace", "milvus")
          .withLabel("app_kubernetes_io_instance", "my-release")
          .eventually(PENDING)
          .isPending();
      long t2 = System.nanoTime();
      assertThatAlert(metrics, "MilvusSearchFailing")
          .withLabel("app_kubernetes_io_instance", "my-release")
          .withLabel("severity", "warning")
          .eventually(FIRING)
          .isFiring();
      System.out.printf(
          "pending %.1f s after the failures (bound %d s), firing %.1f s later (bound %d s)%n",
          (t2 - t1) / 1e9, PENDING.toSeconds(), (System.nanoTime() - t2) / 1e9, FIRING.toSeconds());
      assertThat(metrics.alerts())
          .extracting(a -> a.name() + " " + a.state() + " " + a.labels().get("severity"))
          .containsExactly("MilvusSearchFailing firing warning");

      assertThatThrownBy(() -> assertThatAlert(metrics, "MilvusSearchFailing").isInactive())
          .isInstanceOf(AlertAssertionError.class)
          .hasMessageStartingWith(
              "Alert assertion failed: alert MilvusSearchFailing expected inactive, last seen"
                  + " firing.\n  Rule:        group milvus-search (")
          .hasMessageContaining(
              "), evaluated every 5s\n  Expression:  "
                  + EXPR
                  + "\n  For:         10s\n"
                  + "  Health:      ok\n  Value now:   {app_kubernetes_io_instance=\"my-release\", namespace=\"milvus\"} ")
          .hasMessageContaining("\n  History:     1 asks in ")
          .hasMessageContaining(
              "+0.0 s  firing: {alertname=\"MilvusSearchFailing\", app_kubernetes_io_instance="
                  + "\"my-release\", namespace=\"milvus\", severity=\"warning\"} firing, value ");
      assertThatThrownBy(() -> assertThatAlert(metrics, "MilvusSearchFailng").isFiring())
          .isInstanceOf(AlertAssertionError.class)
          .hasMessageContaining("no alerting rule named MilvusSearchFailng is loaded")
          .hasMessageContaining("\n  Alerting rules loaded: MilvusSearchFailing\n");

      rules.close();
      assertThat(prometheusRules(admin)).isEmpty();
      Awaitility.await("the rule unloaded")
          .atMost(RULE_LOADED)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> env.prometheus().rules().alertNames().isEmpty());
    }
    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
  }

  private static List<GenericKubernetesResource> prometheusRules(KubernetesClient admin) {
    return admin
        .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inAnyNamespace()
        .list()
        .getItems();
  }
}
