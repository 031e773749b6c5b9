package io.github.milvusmonitored.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.testing.RecordedMilvus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit of a dashboard shaped like Milvus 2.3's ({@code app_name} listed after the variables
 * whose queries use it) against a real Prometheus scraping what a real Milvus 2.3.5 exposed after
 * traffic.
 */
class RecordedMilvusDashboardAuditIT {

  static RecordedMilvus recorded;
  static DashboardAudit audit;

  @BeforeAll
  static void audit_the_recording() {
    recorded = RecordedMilvus.scrape(RecordedMilvus.MILVUS_2_3_5);
    MilvusMetrics milvus = recorded.milvus();
    // two scrapes: the audit ends at the last whole second, which must hold a sample
    milvus.awaitSample(
        "count_over_time(milvus_proxy_collection_sq_latency_count[10s]) >= 2",
        Duration.ofSeconds(30));
    audit =
        DashboardAuditor.create(milvus.prometheus(), milvus.release())
            .withScrapeInterval(Duration.ofSeconds(1))
            .withoutBinding("app_name")
            .audit(DashboardSource.classpath("/dashboards/milvus-2.3-shape.json"));
  }

  @AfterAll
  static void stop() {
    if (recorded != null) {
      recorded.close();
    }
  }

  @Test
  void a_variable_listed_before_the_app_name_it_uses_finds_the_collections() {
    ResolvedVariable collection = variable("collection");

    assertThat(collection.values()).containsExactly("books");
    assertThat(collection.problem()).isEmpty();
    assertThat(panel("Search latency by collection").state()).isEqualTo(QueryState.DATA);
    assertThat(panel("Search latency by collection").queries().get(0).promql())
        .contains("app_kubernetes_io_name=\"milvus\"")
        .contains("collection_name=~\"books\"");
  }

  @Test
  void a_knowhere_metric_under_its_2_6_name_is_explained_as_renamed_with_the_2_3_name() {
    QueryAudit knowhere = panel("Knowhere search latency (2.6 name)").queries().get(0);

    assertThat(knowhere.state()).isEqualTo(QueryState.UNKNOWN_METRIC);
    assertThat(knowhere.reasons())
        .containsExactly(
            "search_latency_bucket has never been ingested by Prometheus:"
                + " the release scraped here runs Milvus 2.3.5 (from the shape of its metrics: knowhere_* names and no"
                + " milvus_build_info: a 2.3 release), which names it knowhere_search_latency_bucket (renamed in 2.6:"
                + " `knowhere_search_latency` is `search_latency`). Similar metrics that exist: knowhere_search_latency_bucket,"
                + " knowhere_range_search_latency_bucket");
  }

  private static ResolvedVariable variable(String name) {
    return audit.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  private static PanelAudit panel(String path) {
    return audit.panels().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow();
  }
}
