package io.github.milvusmonitored.metrics;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.assertions.MetricAssertionError;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MilvusMetrics and the assertions against a real Prometheus scraping a Milvus 2.6.15 standalone
 * exporter.
 */
class MilvusMetricsIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV = PrometheusWithMilvusExporter.builder().build();

  static MilvusMetrics milvus;

  @BeforeAll
  static void client() {
    milvus =
        MilvusMetrics.of(
            PrometheusClient.create(ENV.prometheus().baseUri()),
            MilvusSelector.of("milvus", "my-release"));
    milvus.awaitFirstSample(Duration.ofSeconds(30));
  }

  @Test
  void the_scraped_release_is_discovered_and_up() {
    TargetStatus status = milvus.awaitTargetUp(Duration.ofSeconds(20));

    assertThat(status.state()).isEqualTo(TargetStatus.State.UP);
    assertThat(status.targets())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.scrapePool())
                    .isEqualTo("serviceMonitor/milvus/my-release-milvus-standalone/0"));
    assertThat(milvus.isTargetDiscovered()).isTrue();
  }

  @Test
  void a_release_whose_discovery_finds_nothing_is_diagnosed_as_the_rbac_symptom() {
    MilvusMetrics other =
        MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("milvus", "other-release"));

    TargetStatus status = other.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
    assertThat(status.scrapePools())
        .containsExactly("serviceMonitor/milvus/other-release-milvus-standalone/0");
    assertThat(status.explanation())
        .contains("this is the RBAC symptom.")
        .contains("discovery.k8s.io/endpointslices");
    if (ENV.prometheus().listsPoolsOfJobsWithoutTargets()) {
      assertThat(status.explanation())
          .as("Prometheus %s lists the empty pool", ENV.prometheus().version())
          .startsWith(
              "Scrape pool [serviceMonitor/milvus/other-release-milvus-standalone/0] exists but has NO active"
                  + " targets: this is the RBAC symptom.");
    } else {
      // 2.42 creates no pool for a job whose discovery never sent a target group
      assertThat(status.explanation())
          .as("Prometheus %s lists no pool", ENV.prometheus().version())
          .startsWith(
              "Scrape job [serviceMonitor/milvus/other-release-milvus-standalone/0]"
                  + " is configured but discovery found NO targets for it");
    }
    assertThatThrownBy(() -> other.awaitFirstSample(Duration.ofSeconds(2)))
        .isInstanceOf(MilvusNotScrapedException.class)
        .hasMessageContaining("NO_ACTIVE_TARGETS");
  }

  @Test
  void a_listed_scrape_pool_without_targets_is_diagnosed_as_the_rbac_symptom() {
    TargetStatus status =
        MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("milvus", "listed-release"))
            .targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
    assertThat(status.explanation())
        .startsWith(
            "Scrape pool [serviceMonitor/milvus/listed-release-milvus-standalone/0]"
                + " exists but has NO active targets: this is the RBAC symptom.");
  }

  @Test
  void a_release_named_like_the_start_of_another_is_not_taken_for_it() {
    MilvusMetrics my = MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("milvus", "my"));

    TargetStatus status = my.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_SCRAPE_POOL);
    assertThat(status.explanation())
        .contains(
            "none of [serviceMonitor/milvus/my-milvus-standalone/<n>,"
                + " serviceMonitor/milvus/my-milvus/<n>]");
  }

  @Test
  void a_release_in_a_namespace_without_any_pool_means_the_servicemonitor_was_not_picked_up() {
    TargetStatus status =
        MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("vectors", "my-release"))
            .targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_SCRAPE_POOL);
    assertThat(status.explanation()).contains("metrics.serviceMonitor.enabled=true");
  }

  @Test
  void startup_metrics_are_present_and_traffic_only_metrics_are_not_until_traffic() {
    assertThat(milvus.presentMetricNames())
        .contains("milvus_build_info", "milvus_runtime_info", "milvus_num_node")
        .doesNotContain("milvus_proxy_tt_lag_ms", "milvus_querynode_partition_num");
    assertThatMetric(milvus, "milvus_proxy_tt_lag_ms").isAbsent();
    assertThatMetric(milvus, "milvus_proxy_insert_vectors_count{collection_name=\"appears_later\"}")
        .isAbsent();

    ENV.exporter().traffic().insert("appears_later", 100);

    assertThatMetric(
            milvus, "sum(milvus_proxy_insert_vectors_count{collection_name=\"appears_later\"})")
        .eventually(Duration.ofSeconds(15))
        .isEqualTo(100);
    assertThat(milvus.presentMetricNames())
        .contains("milvus_proxy_insert_vectors_count", "milvus_proxy_req_count");
  }

  @Test
  void counters_grow_under_simulated_traffic() {
    double before = milvus.requestCounts().count("Search", RequestStatus.TOTAL);
    for (int i = 0; i < 5; i++) {
      ENV.exporter().traffic().search("books", Duration.ofMillis(12));
    }
    ENV.exporter().traffic().failedRequest("Search", "books", "fail");

    assertThatMetric(
            milvus, "sum(milvus_proxy_req_count{function_name=\"Search\",status=\"total\"})")
        .eventually(Duration.ofSeconds(15))
        .isEqualTo(before + 6);
    RequestCounts counts = milvus.requestCounts();
    assertThat(counts.count("Search", RequestStatus.SUCCESS)).isGreaterThanOrEqualTo(5);
    assertThat(counts.count("Search", RequestStatus.FAIL)).isGreaterThanOrEqualTo(1);
    assertThat(counts.functions()).contains("Search");
  }

  @Test
  void search_latency_quantiles_come_from_the_histogram() {
    for (int i = 0; i < 90; i++) {
      ENV.exporter().traffic().search("latency", Duration.ofMillis(3));
    }
    for (int i = 0; i < 10; i++) {
      ENV.exporter().traffic().search("latency", Duration.ofMillis(700));
    }
    assertThatMetric(
            milvus,
            "sum(milvus_proxy_sq_latency_count{query_type=\"search\",collection_name=\"latency\"})")
        .eventually(Duration.ofSeconds(15))
        .isEqualTo(100);

    // Other tests search too; this collection alone has a known shape.
    String buckets =
        "sum by (le) (milvus_proxy_sq_latency_bucket{collection_name=\"latency\",query_type=\"search\"})";
    double p50 =
        milvus.prometheus().query("histogram_quantile(0.5, " + buckets + ")").single().value();
    double p99 =
        milvus.prometheus().query("histogram_quantile(0.99, " + buckets + ")").single().value();
    assertThat(p50).isBetween(2.0, 4.0);
    assertThat(p99).isBetween(512.0, 1024.0);
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.5)).isPresent();
    assertThat(milvus.latencyQuantile(QueryType.QUERY, 0.5)).isEmpty();

    // rate() needs an increase inside the window: observations made before a series' first scrape
    // do
    // not count, so search again now that the series exists.
    for (int i = 0; i < 20; i++) {
      ENV.exporter().traffic().search("latency", Duration.ofMillis(3));
    }
    assertThatMetric(
            milvus,
            "sum(milvus_proxy_sq_latency_count{query_type=\"search\",collection_name=\"latency\"})")
        .eventually(Duration.ofSeconds(15))
        .isEqualTo(120);
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.5, Duration.ofMinutes(1)).orElseThrow())
        .isBetween(2.0, 4.0);
  }

  @Test
  void
      a_windowed_quantile_answers_from_the_first_samples_of_a_histogram_that_appeared_inside_the_window() {
    for (int i = 0; i < 10; i++) {
      ENV.exporter().traffic().hybridSearch("fresh", Duration.ofMillis(40));
    }
    assertThatMetric(milvus, "sum(milvus_proxy_sq_latency_count{query_type=\"hybrid_search\"})")
        .eventually(Duration.ofSeconds(15))
        .isEqualTo(10);
    // rate() over the same window is empty: the series' first sample already holds every request
    assertThat(
            milvus
                .prometheus()
                .query(
                    "histogram_quantile(0.5, sum by (le) (rate("
                        + "milvus_proxy_sq_latency_bucket{query_type=\"hybrid_search\"}[1m])))")
                .samples())
        .allSatisfy(s -> assertThat(s.value()).isNaN());

    assertThat(
            milvus
                .latencyQuantile(QueryType.HYBRID_SEARCH, 0.5, Duration.ofMinutes(1))
                .orElseThrow())
        .isBetween(32.0, 64.0);
    assertThat(
            milvus
                .latencyQuantile(QueryType.HYBRID_SEARCH, 0.5, Duration.ofMillis(1500))
                .orElseThrow())
        .isBetween(32.0, 64.0);
  }

  @Test
  void a_latency_window_shorter_than_the_scrape_interval_is_refused() {
    assertThatThrownBy(() -> milvus.latencyQuantile(QueryType.SEARCH, 0.5, Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Latency window 0.5 s is shorter than the scrape interval of Milvus release"
                + " 'my-release' in namespace 'milvus' (1 s)")
        .hasMessageContaining("The least window that works is 1 s;");
  }

  @Test
  void process_memory_is_read_per_pod() {
    assertThat(milvus.processResidentMemoryBytes())
        .hasSize(1)
        .allSatisfy(
            (pod, bytes) -> {
              assertThat(pod).startsWith("my-release-milvus-standalone-");
              assertThat(bytes).isGreaterThan(1_000_000.0);
            });
  }

  @Test
  void an_assertion_failure_reports_values_wait_asks_and_target_health() {
    assertThatThrownBy(
            () ->
                assertThatMetric(milvus, "sum(milvus_proxy_req_count{function_name=\"Flush\"})")
                    .eventually(Duration.ofSeconds(2))
                    .isGreaterThan(0))
        .isInstanceOf(MetricAssertionError.class)
        .hasMessageContaining("PromQL:     sum(milvus_proxy_req_count{function_name=\"Flush\"})")
        .hasMessageContaining("Expected:   a single series with value > 0")
        .hasMessageContaining("no series matched")
        .hasMessageContaining("Milvus targets of milvus/my-release: UP")
        .hasMessageContaining("serviceMonitor/milvus/my-release-milvus-standalone/0 http://")
        .hasMessageContaining("health=up");
  }

  @Test
  void a_failing_scrape_shows_as_down_with_the_last_error() {
    ENV.exporter().failScrapesWith(500);
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> milvus.targetStatus().state() == TargetStatus.State.DOWN);
      TargetStatus status = milvus.targetStatus();
      assertThat(status.targets())
          .singleElement()
          .satisfies(t -> assertThat(t.lastError()).contains("500"));
      assertThat(status.explanation()).contains("last scrape failed");
    } finally {
      ENV.exporter().serveScrapesNormally();
      milvus.awaitTargetUp(Duration.ofSeconds(15));
    }
  }
}
