package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.prometheus.FakePrometheusServer;
import io.github.milvusmonitored.prometheus.FakePrometheusServer.Answer;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Target diagnosis for states a real Prometheus reaches only inside Kubernetes (dropped targets).
 */
class MilvusMetricsTest {

  private static final String POOL = "serviceMonitor/milvus/my-release-milvus-standalone/0";

  private FakePrometheusServer server;
  private MilvusMetrics milvus;

  @BeforeEach
  void start() throws Exception {
    server = new FakePrometheusServer();
    milvus =
        MilvusMetrics.of(
            PrometheusClient.create(server.uri()), MilvusSelector.of("milvus", "my-release"));
    config();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void reports_rbac_symptom_when_scrape_pool_has_no_targets() {
    targets("[]", "[]");
    pools(POOL, "serviceMonitor/monitoring/prometheus-k8s/0");

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
    assertThat(status.scrapePools()).containsExactly(POOL);
    assertThat(status.explanation())
        .startsWith(
            "Scrape pool ["
                + POOL
                + "] exists but has NO active targets: this is the RBAC symptom.")
        .contains("discovery.k8s.io/endpointslices")
        .contains("kubectl patch clusterrole prometheus-k8s --type=json");
  }

  @Test
  void reports_rbac_symptom_when_the_job_is_only_in_the_configuration() {
    targets("[]", "[]");
    pools("serviceMonitor/monitoring/prometheus-k8s/0");
    config("serviceMonitor/monitoring/prometheus-k8s/0", POOL);

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
    assertThat(status.scrapePools()).containsExactly(POOL);
    assertThat(status.explanation())
        .startsWith(
            "Scrape job ["
                + POOL
                + "] is configured but discovery found NO targets for it (Prometheus"
                + " created no scrape pool: releases before 2.55 list none for a job whose discovery sent nothing):"
                + " this is the RBAC symptom.")
        .contains("kubectl patch clusterrole prometheus-k8s --type=json");
  }

  @Test
  void reports_a_servicemonitor_that_was_not_picked_up() {
    targets("[]", "[]");
    pools("serviceMonitor/monitoring/prometheus-k8s/0");

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_SCRAPE_POOL);
    assertThat(status.explanation())
        .startsWith(
            "Prometheus has no scrape job for Milvus release 'my-release' in"
                + " namespace 'milvus': none of [serviceMonitor/milvus/my-release-milvus-standalone/<n>,"
                + " serviceMonitor/milvus/my-release-milvus/<n>] (standalone, cluster) is among its jobs (pools:"
                + " [serviceMonitor/monitoring/prometheus-k8s/0]). The ServiceMonitor was not picked up: check that the"
                + " Milvus chart ran with metrics.serviceMonitor.enabled=true");
  }

  @Test
  void a_release_whose_name_is_a_prefix_of_another_takes_none_of_its_pools_or_targets() {
    targets("[" + target("up", "") + "]", "[]");
    pools(POOL);
    config(POOL);
    MilvusMetrics my = MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("milvus", "my"));

    TargetStatus status = my.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_SCRAPE_POOL);
    assertThat(status.scrapePools()).isEmpty();
    assertThat(milvus.targetStatus().state()).isEqualTo(TargetStatus.State.UP);
  }

  @Test
  void finds_the_cluster_mode_pool_and_a_release_named_with_milvus() {
    targets("[]", "[]");
    pools(
        "serviceMonitor/milvus/my-release-milvus/0",
        "serviceMonitor/milvus/milvus-prod-standalone/0",
        "serviceMonitor/milvus/my-release-milvus-extra/0");

    assertThat(milvus.targetStatus().scrapePools())
        .containsExactly("serviceMonitor/milvus/my-release-milvus/0");
    assertThat(
            MilvusMetrics.of(milvus.prometheus(), MilvusSelector.of("milvus", "milvus-prod"))
                .targetStatus()
                .scrapePools())
        .containsExactly("serviceMonitor/milvus/milvus-prod-standalone/0");
  }

  @Test
  void a_target_in_the_release_pool_belongs_to_it_even_without_the_release_labels() {
    targets(
        "[{\"labels\":{\"job\":\"my-release-milvus\"},\"scrapePool\":\""
            + POOL
            + "\",\"scrapeUrl\":\"http://10.42.0.9:9091/metrics\",\"health\":\"up\",\"lastError\":\"\"}]",
        "[]");

    assertThat(milvus.targetStatus().state()).isEqualTo(TargetStatus.State.UP);
  }

  @Test
  void selector_matches_scrape_pools_by_whole_names() {
    MilvusSelector release = MilvusSelector.of("milvus", "my-release");

    assertThat(release.serviceMonitorNames())
        .containsExactly("my-release-milvus-standalone", "my-release-milvus");
    assertThat(MilvusSelector.of("milvus", "milvus-prod").serviceMonitorNames())
        .containsExactly("milvus-prod-standalone", "milvus-prod");
    assertThat(release.isScrapePoolOf(POOL)).isTrue();
    assertThat(release.isScrapePoolOf("serviceMonitor/milvus/my-release-milvus/1")).isTrue();
    assertThat(release.isScrapePoolOf("serviceMonitor/vectors/my-release-milvus/0")).isFalse();
    assertThat(release.isScrapePoolOf("serviceMonitor/milvus/my-release-milvus-standalone/x"))
        .isFalse();
    assertThat(release.isScrapePoolOf("podMonitor/milvus/my-release-milvus/0")).isFalse();
    assertThat(MilvusSelector.of("milvus", "my").isScrapePoolOf(POOL)).isFalse();
    assertThat(MilvusSelector.of("milvus", "release").isScrapePoolOf(POOL)).isFalse();
  }

  @Test
  void reports_targets_dropped_by_relabelling_as_a_selector_mismatch() {
    targets(
        "[]",
        "[{\"scrapePool\":\""
            + POOL
            + "\",\"discoveredLabels\":{\"__meta_kubernetes_namespace\":\"milvus\"}}]");
    pools(POOL);

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.DROPPED);
    assertThat(status.explanation()).contains("relabelling dropped them all");
  }

  @Test
  void counts_targets_dropped_by_a_prometheus_that_names_no_pool_on_dropped_targets() {
    targets(
        "[]",
        "[{\"discoveredLabels\":{\"job\":\""
            + POOL
            + "\",\"__address__\":\"10.42.0.7:2379\"}},"
            + "{\"discoveredLabels\":{\"job\":\"serviceMonitor/milvus/my-milvus-standalone/0\"}}]");
    config(POOL);

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.DROPPED);
    assertThat(status.explanation())
        .startsWith(
            "Prometheus discovered 1 endpoint(s) in namespace 'milvus' for ["
                + POOL
                + "] but relabelling dropped them all");
  }

  @Test
  void refuses_a_latency_window_shorter_than_the_scrape_interval_naming_the_least_that_works() {
    targets(
        "["
            + target("up", "")
                .replace(
                    "\"labels\"",
                    "\"discoveredLabels\":{\"__scrape_interval__\":\"30s\"},\"labels\"")
            + "]",
        "[]");

    assertThatThrownBy(() -> milvus.latencyQuantile(QueryType.SEARCH, 0.95, Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Latency window 10 s is shorter than the scrape interval of Milvus release 'my-release' in"
                + " namespace 'milvus' (30 s): both ends of the window would often fall on the same sample and show no"
                + " request. The least window that works is 30 s; four intervals (120 s) still answer when a scrape is"
                + " missed.");
  }

  @Test
  void sends_latency_windows_with_millisecond_precision() {
    targets(
        "["
            + target("up", "")
                .replace(
                    "\"labels\"",
                    "\"discoveredLabels\":{\"__scrape_interval__\":\"500ms\"},\"labels\"")
            + "]",
        "[]");
    server.on(
        "/api/v1/query",
        Answer.json(
            200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

    assertThat(milvus.latencyQuantile(QueryType.HYBRID_SEARCH, 0.5, Duration.ofMillis(500)))
        .isEmpty();
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.5, Duration.ofMillis(1500))).isEmpty();
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.5, Duration.ofMinutes(2))).isEmpty();

    var queries =
        server.requests().stream()
            .filter(u -> u.getPath().equals("/api/v1/query"))
            .map(java.net.URI::getQuery)
            .toList();
    String buckets =
        "milvus_proxy_sq_latency_bucket{namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\","
            + "query_type=\"hybrid_search\"}";
    assertThat(queries.get(0))
        .isEqualTo(
            "query=histogram_quantile(0.5, sum by (le) ((("
                + buckets
                + " - "
                + buckets
                + " offset 500ms) >= 0) or "
                + buckets
                + "))");
    assertThat(queries.get(1)).contains(" offset 1500ms)");
    assertThat(queries.get(2)).contains(" offset 120s)");
    assertThat(MilvusMetrics.promqlDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(MilvusMetrics.promqlDuration(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void reports_down_with_last_error_and_up_when_scraped() {
    targets("[" + target("down", "connection refused") + "]", "[]");
    TargetStatus down = milvus.targetStatus();
    assertThat(down.state()).isEqualTo(TargetStatus.State.DOWN);
    assertThat(down.summary()).contains("health=down lastError=\"connection refused\"");
    assertThat(down.isDiscovered()).isTrue();

    targets("[" + target("up", "") + "]", "[]");
    assertThat(milvus.isUp()).isTrue();
  }

  @Test
  void await_first_sample_fails_with_the_diagnosis() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    targets("[]", "[]");
    pools(POOL);

    assertThatThrownBy(() -> milvus.awaitFirstSample(Duration.ofMillis(700)))
        .isInstanceOf(MilvusNotScrapedException.class)
        .hasMessageStartingWith(
            "No sample of '{__name__=~\"milvus_.+\",namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\"}'"
                + " for Milvus release 'my-release' in namespace 'milvus' within 0.7 s.")
        .hasMessageContaining("NO_ACTIVE_TARGETS: Scrape pool");
  }

  @Test
  void request_status_classes_match_old_and_new_milvus_status_values() {
    assertThat(RequestStatus.FAIL.matches("fail")).isTrue();
    assertThat(RequestStatus.FAIL.matches("fail_input")).isTrue();
    assertThat(RequestStatus.FAIL.matches("fail_system")).isTrue();
    assertThat(RequestStatus.REJECTED.matches("rejected_user")).isTrue();
    assertThat(RequestStatus.SUCCESS.matches("fail")).isFalse();
    assertThat(RequestStatus.FAIL.matcher()).isEqualTo("status=~\"fail.*|cancel\"");
    assertThat(RequestStatus.classify("cancel")).contains(RequestStatus.FAIL);
    assertThat(RequestStatus.classify("abandon")).contains(RequestStatus.ABANDON);
    assertThat(RequestStatus.classify("rejected_system")).contains(RequestStatus.REJECTED);
    assertThat(RequestStatus.classify("timeout")).isEmpty();
  }

  @Test
  void request_counts_keep_status_values_no_class_matches() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + sample("Search", "total", 4)
                + ","
                + sample("Search", "success", 1)
                + ","
                + sample("Search", "cancel", 1)
                + ","
                + sample("Search", "shed", 2)
                + ","
                + sample("Insert", "shed", 3)
                + "]}}"));

    RequestCounts counts = milvus.requestCounts();

    assertThat(counts.count("Search", RequestStatus.FAIL)).isEqualTo(1);
    assertThat(counts.count("Search", RequestStatus.FAIL, RequestCause.CANCEL)).isEqualTo(1);
    assertThat(counts.count("Search", "shed")).isEqualTo(2);
    assertThat(counts.statuses()).containsExactly("cancel", "shed", "success", "total");
    assertThat(counts.unclassified()).containsExactly(java.util.Map.entry("shed", 5.0));
    assertThat(server.requests().get(0).getQuery())
        .isEqualTo(
            "query=sum by (function_name, status, cause)"
                + " (milvus_proxy_req_count{namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\"})");
  }

  @Test
  void an_image_tag_names_the_release_and_a_tag_that_names_none_is_refused() {
    assertThat(milvus.withImageTag("v2.6.19").milvusVersion())
        .isEqualTo(
            new DetectedVersion(
                MilvusVersion.parse("2.6.19"),
                DetectedVersion.Source.IMAGE_TAG,
                "the configured image tag v2.6.19"));
    assertThat(milvus.withImageTag("v2.6.19").imageTag()).contains("v2.6.19");
    assertThat(milvus.imageTag()).isEmpty();
    assertThatThrownBy(() -> milvus.withImageTag("latest"))
        .hasMessageStartingWith("'latest' is not a Milvus version.");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void without_any_milvus_metric_the_release_is_unknown_and_the_error_says_what_to_do() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

    assertThatThrownBy(() -> milvus.milvusVersion())
        .isInstanceOf(MilvusNotScrapedException.class)
        .hasMessage(
            "Cannot tell which Milvus runs release 'my-release' in namespace 'milvus': Prometheus holds no"
                + " milvus_build_info and no milvus_* or knowhere_* metric for it. Wait for the first scrape"
                + " (awaitFirstSample), check targetStatus(), or give the image tag: MilvusMetrics.withImageTag(\"v2.6.15\").");
  }

  @Test
  void selector_refuses_blank_names_and_builds_promql() {
    assertThatThrownBy(() -> MilvusSelector.of(" ", "x"))
        .hasMessageContaining("namespace must be a non-blank");
    assertThat(
            MilvusSelector.of("milvus", "my-release")
                .select("milvus_proxy_req_count", "status=\"total\""))
        .isEqualTo(
            "milvus_proxy_req_count{namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\",status=\"total\"}");
  }

  private void targets(String active, String dropped) {
    server.on(
        "/api/v1/targets",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"activeTargets\":"
                + active
                + ",\"droppedTargets\":"
                + dropped
                + "}}"));
  }

  private void pools(String... names) {
    server.on(
        "/api/v1/scrape_pools",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"scrapePools\":[\""
                + String.join("\",\"", names)
                + "\"]}}"));
  }

  private void config(String... jobs) {
    StringBuilder yaml = new StringBuilder("global:\\n  scrape_interval: 30s\\nscrape_configs:\\n");
    for (String job : jobs) {
      yaml.append("- job_name: ").append(job).append("\\n  honor_labels: true\\n");
    }
    server.on(
        "/api/v1/status/config",
        Answer.json(200, "{\"status\":\"success\",\"data\":{\"yaml\":\"" + yaml + "\"}}"));
  }

  private static String sample(String function, String status, double value) {
    return "{\"metric\":{\"function_name\":\""
        + function
        + "\",\"status\":\""
        + status
        + "\"},\"value\":[1,\""
        + value
        + "\"]}";
  }

  private static String target(String health, String error) {
    return "{\"labels\":{\"namespace\":\"milvus\",\"app_kubernetes_io_instance\":\"my-release\"},\"scrapePool\":\""
        + POOL
        + "\",\"scrapeUrl\":\"http://10.42.0.9:9091/metrics\",\"health\":\""
        + health
        + "\",\"lastError\":\""
        + error
        + "\"}";
  }
}
