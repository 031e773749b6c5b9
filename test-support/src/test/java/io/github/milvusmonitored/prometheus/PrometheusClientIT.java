package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against a real Prometheus scraping realistic Milvus metrics with kube-prometheus's
 * labels.
 */
class PrometheusClientIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV =
      PrometheusWithMilvusExporter.builder()
          .withRuleFile(
              "milvus.yaml",
              """
          groups:
          - name: milvus
            rules:
            - record: milvus:build_info:count
              expr: count(milvus_build_info)
            - alert: MilvusIsRunning
              expr: milvus_build_info > 0
              labels: {severity: info}
              annotations: {summary: "Milvus {{ $labels.version }} is up"}
          """)
          .build();

  static PrometheusClient prometheus;

  @BeforeAll
  static void client() {
    ENV.awaitFirstScrape();
    prometheus = PrometheusClient.create(ENV.prometheus().baseUri());
  }

  @Test
  void scraped_series_carry_the_labels_kube_prometheus_adds() {
    Sample info = prometheus.query("milvus_build_info").single();

    assertThat(info.labels().asMap())
        .containsEntry("namespace", "milvus")
        .containsEntry("service", "my-release-milvus")
        .containsEntry("job", "my-release-milvus")
        .containsEntry("endpoint", "metrics")
        .containsEntry("container", "standalone")
        .containsEntry("app_kubernetes_io_name", "milvus")
        .containsEntry("app_kubernetes_io_instance", "my-release")
        .containsEntry("component", "standalone")
        .containsKeys("pod", "instance", "version");
    assertThat(info.value()).isEqualTo(1.0);
    assertThat(info.timestamp())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
  }

  @Test
  void special_values_come_back_exactly() {
    assertThat(prometheus.query("1/0").single().value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(prometheus.query("-1/0").single().value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(prometheus.query("0/0").single().value()).isNaN();
    assertThat(prometheus.query("vector(0/0)").single().value()).isNaN();
  }

  @Test
  void bad_promql_is_reported_with_error_type_and_status() {
    assertThatThrownBy(() -> prometheus.query("sum(milvus_build_info"))
        .isInstanceOfSatisfying(
            PrometheusQueryException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("bad_data");
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.query()).isEqualTo("sum(milvus_build_info");
              assertThat(e.error()).isNotBlank();
            })
        .hasMessageStartingWith(
            "Prometheus rejected 'sum(milvus_build_info' (HTTP 400, bad_data): ");
  }

  @Test
  void a_range_selector_where_a_vector_is_expected_is_refused_with_advice() {
    assertThatThrownBy(() -> prometheus.query("milvus_build_info[1m]"))
        .isInstanceOf(UnexpectedResultTypeException.class)
        .hasMessageContaining("returned a matrix");
  }

  @Test
  void a_label_that_does_not_exist_names_those_that_do() {
    Sample info = prometheus.query("milvus_build_info").single();
    assertThatThrownBy(() -> info.label("app.kubernetes.io/instance"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Labels present: [__name__, app_kubernetes_io_instance, app_kubernetes_io_name,");
  }

  @Test
  void range_query_series_labels_and_values() {
    Instant end = Instant.now();
    RangeMatrix matrix =
        prometheus.queryRange(
            "milvus_build_info", end.minusSeconds(30), end, Duration.ofSeconds(1));
    assertThat(matrix.series())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value()).isEqualTo(1.0)));

    assertThat(prometheus.series("{namespace=\"milvus\",__name__=\"milvus_build_info\"}"))
        .singleElement()
        .satisfies(l -> assertThat(l.get("job")).isEqualTo("my-release-milvus"));
    assertThat(prometheus.labelNames("milvus_build_info"))
        .contains("app_kubernetes_io_instance", "component");
    assertThat(prometheus.labelValues("app_kubernetes_io_instance")).contains("my-release");
    assertThat(prometheus.labelValues("no_such_label")).isEmpty();
  }

  @Test
  void targets_and_scrape_pools_include_the_empty_pool_of_an_undiscovered_release() {
    Targets targets = prometheus.targets();
    assertThat(targets.activeInPool(ENV.target().jobName()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.health()).isEqualTo(Targets.Health.UP);
              assertThat(t.labels().get("app_kubernetes_io_instance")).isEqualTo("my-release");
              assertThat(t.lastScrape()).isPresent();
            });
    assertThat(prometheus.scrapePools())
        .contains(
            ENV.target().jobName(),
            ENV.undiscoveredTarget().jobName(),
            ENV.emptyPoolTarget().jobName());
    assertThat(targets.activeInPool(ENV.undiscoveredTarget().jobName())).isEmpty();
  }

  @Test
  void metadata_rules_alerts_build_info_and_readiness() {
    assertThat(prometheus.metadata("milvus_proxy_sq_latency"))
        .isEmpty(); // appears only after traffic
    assertThat(prometheus.metadata("milvus_build_info"))
        .singleElement()
        .satisfies(m -> assertThat(m.type()).isEqualTo("gauge"));
    assertThat(prometheus.rules().all())
        .extracting(Rules.Rule::name)
        .containsExactlyInAnyOrder("milvus:build_info:count", "MilvusIsRunning");
    io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric(
            prometheus, "milvus:build_info:count")
        .eventually(Duration.ofSeconds(20))
        .isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                prometheus.alerts().stream()
                    .anyMatch(a -> a.name().equals("MilvusIsRunning") && a.isFiring()));
    assertThat(prometheus.alerts())
        .filteredOn(a -> a.name().equals("MilvusIsRunning"))
        .singleElement()
        .satisfies(
            a -> assertThat(a.annotations().get("summary")).isEqualTo("Milvus v2.6.15 is up"));
    BuildInfo build = prometheus.buildInfo();
    assertThat(build.majorVersion()).isIn(2, 3);
    assertThat(build.version()).isEqualTo(ENV.prometheus().version());
    assertThat(prometheus.isReady()).isTrue();
    prometheus.awaitReady(Duration.ofSeconds(1));
  }

  @Test
  void exporter_special_gauge_values_survive_the_scrape() {
    Map<String, String> labels = Map.of("role_name", "proxy", "node_id", "7");
    ENV.exporter().setGauge("milvus_msg_queue_consumer_num", labels, Double.POSITIVE_INFINITY);
    io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric(
            prometheus, "milvus_msg_queue_consumer_num{node_id=\"7\"}")
        .eventually(Duration.ofSeconds(15))
        .isInfinite();
    ENV.exporter().setGauge("milvus_msg_queue_consumer_num", labels, Double.NaN);
    io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric(
            prometheus, "milvus_msg_queue_consumer_num{node_id=\"7\"}")
        .eventually(Duration.ofSeconds(15))
        .isNaN();
  }
}
