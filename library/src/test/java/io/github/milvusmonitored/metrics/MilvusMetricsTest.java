package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.metrics.FakePrometheusServer.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Target diagnosis for states a real Prometheus reaches only inside Kubernetes (dropped targets). */
class MilvusMetricsTest {

  private static final String POOL = "serviceMonitor/milvus/my-release-milvus-standalone/0";

  private FakePrometheusServer server;
  private MilvusMetrics milvus;

  @BeforeEach
  void start() throws Exception {
    server = new FakePrometheusServer();
    milvus = MilvusMetrics.of(PrometheusClient.create(server.uri()), MilvusSelector.of("milvus", "my-release"));
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
        .startsWith("Scrape pool [" + POOL + "] exists but has NO active targets: this is the RBAC symptom.")
        .contains("discovery.k8s.io/endpointslices")
        .contains("kubectl patch clusterrole prometheus-k8s --type=json");
  }

  @Test
  void reports_a_servicemonitor_that_was_not_picked_up() {
    targets("[]", "[]");
    pools("serviceMonitor/monitoring/prometheus-k8s/0");

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.NO_SCRAPE_POOL);
    assertThat(status.explanation()).contains("metrics.serviceMonitor.enabled=true")
        .contains("pools: [serviceMonitor/monitoring/prometheus-k8s/0]");
  }

  @Test
  void reports_targets_dropped_by_relabelling_as_a_selector_mismatch() {
    targets("[]", "[{\"scrapePool\":\"" + POOL + "\",\"discoveredLabels\":{\"__meta_kubernetes_namespace\":\"milvus\"}}]");
    pools(POOL);

    TargetStatus status = milvus.targetStatus();

    assertThat(status.state()).isEqualTo(TargetStatus.State.DROPPED);
    assertThat(status.explanation()).contains("relabelling dropped them all");
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
    server.on("/api/v1/query", Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    targets("[]", "[]");
    pools(POOL);

    assertThatThrownBy(() -> milvus.awaitFirstSample(Duration.ofMillis(700)))
        .isInstanceOf(MilvusNotScrapedException.class)
        .hasMessageStartingWith("No sample of '{__name__=~\"milvus_.+\",namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\"}'"
            + " for Milvus release 'my-release' in namespace 'milvus' within PT0.7S.")
        .hasMessageContaining("NO_ACTIVE_TARGETS: Scrape pool");
  }

  @Test
  void request_status_classes_match_old_and_new_milvus_status_values() {
    assertThat(RequestStatus.FAIL.matches("fail")).isTrue();
    assertThat(RequestStatus.FAIL.matches("fail_input")).isTrue();
    assertThat(RequestStatus.FAIL.matches("fail_system")).isTrue();
    assertThat(RequestStatus.REJECTED.matches("rejected_user")).isTrue();
    assertThat(RequestStatus.SUCCESS.matches("fail")).isFalse();
    assertThat(RequestStatus.FAIL.matcher()).isEqualTo("status=~\"fail.*\"");
  }

  @Test
  void selector_refuses_blank_names_and_builds_promql() {
    assertThatThrownBy(() -> MilvusSelector.of(" ", "x")).hasMessageContaining("namespace must be a non-blank");
    assertThat(MilvusSelector.of("milvus", "my-release").select("milvus_proxy_req_count", "status=\"total\""))
        .isEqualTo("milvus_proxy_req_count{namespace=\"milvus\",app_kubernetes_io_instance=\"my-release\",status=\"total\"}");
  }

  private void targets(String active, String dropped) {
    server.on("/api/v1/targets", Answer.json(200,
        "{\"status\":\"success\",\"data\":{\"activeTargets\":" + active + ",\"droppedTargets\":" + dropped + "}}"));
  }

  private void pools(String... names) {
    server.on("/api/v1/scrape_pools", Answer.json(200, "{\"status\":\"success\",\"data\":{\"scrapePools\":[\""
        + String.join("\",\"", names) + "\"]}}"));
  }

  private static String target(String health, String error) {
    return "{\"labels\":{\"namespace\":\"milvus\",\"app_kubernetes_io_instance\":\"my-release\"},\"scrapePool\":\""
        + POOL + "\",\"scrapeUrl\":\"http://10.42.0.9:9091/metrics\",\"health\":\"" + health + "\",\"lastError\":\""
        + error + "\"}";
  }
}
