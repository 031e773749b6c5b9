package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusWithMilvusExporterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().build();

  @Test
  void waits_for_the_first_scrape_of_the_startup_families() {
    JsonNode buildInfo = env.awaitFirstScrape();

    assertThat(buildInfo.get(0).path("metric").path("namespace").asText()).isEqualTo("milvus");
    assertThat(env.api().query("milvus_proxy_tt_lag_ms"))
        .as("registered but never set in 2.6.15")
        .isEmpty();
    assertThat(env.api().query("milvus_num_node{component=\"standalone\"}")).hasSize(5);
  }

  @Test
  void makes_simulated_traffic_visible_in_prometheus() {
    env.awaitFirstScrape();
    env.exporter()
        .traffic()
        .insert("books", 100)
        .search("books", Duration.ofMillis(30))
        .failedRequest("Search", "books", "fail");

    env.api()
        .awaitQuery(
            "milvus_proxy_insert_vectors_count{collection_name=\"books\"} == 100",
            r -> r.size() == 1,
            TIMEOUT);
    JsonNode searches =
        env.api()
            .awaitQuery(
                "milvus_proxy_req_count{function_name=\"Search\",collection_name=\"books\","
                    + "status=~\"total|success|fail.*\"}",
                r -> r.size() == 3,
                TIMEOUT);
    assertThat(searches)
        .extracting(
            s -> s.path("metric").path("status").asText() + "=" + s.path("value").get(1).asText())
        .containsExactlyInAnyOrder("total=2", "success=1", "fail=1");
    JsonNode p50 =
        env.api()
            .awaitQuery(
                "histogram_quantile(0.5, sum by (le) (milvus_proxy_sq_latency_bucket{query_type=\"search\"}))",
                r -> r.size() == 1,
                TIMEOUT);
    assertThat(Double.parseDouble(p50.get(0).path("value").get(1).asText())).isBetween(16.0, 32.0);
  }

  @Test
  void configures_the_undiscovered_release_whose_pool_only_newer_versions_list() {
    env.awaitFirstScrape();

    String pools =
        env.api().get("/api/v1/scrape_pools").path("data").path("scrapePools").toString();
    assertThat(env.api().get("/api/v1/status/config").path("data").path("yaml").asText())
        .contains("job_name: " + env.undiscoveredTarget().jobName());
    assertThat(env.api().query("up{service=\"other-release-milvus\"}")).isEmpty();
    if (env.prometheus().listsPoolsOfJobsWithoutTargets()) {
      assertThat(pools)
          .as("Prometheus %s lists the pool", env.prometheus().version())
          .contains(env.undiscoveredTarget().jobName());
    } else {
      assertThat(pools)
          .as("Prometheus %s lists no pool", env.prometheus().version())
          .doesNotContain(env.undiscoveredTarget().jobName());
    }
    assertThat(pools).contains(env.emptyPoolTarget().jobName());
  }
}
