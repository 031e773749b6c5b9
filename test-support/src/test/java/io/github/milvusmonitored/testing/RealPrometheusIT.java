package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RealPrometheusIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String RULES =
      """
            groups:
              - name: milvus
                rules:
                  - record: milvus:proxy_req_count:total
                    expr: sum(milvus_proxy_req_count{status="total"})
                  - alert: MilvusBuildInfoPresent
                    expr: milvus_build_info == 1
            """;

  private static MilvusTestExporter exporter;
  private static MilvusTestExporter broken;
  private static RealPrometheus prometheus;
  private static RawPrometheusApi api;
  private static MilvusTarget brokenTarget;
  private static MilvusTarget undiscovered;

  @BeforeAll
  static void start() {
    exporter = MilvusTestExporter.builder().start();
    broken = MilvusTestExporter.builder().start();
    broken.failScrapesWith(500);
    brokenTarget = MilvusTarget.standalone(broken.port()).withRelease("broken");
    undiscovered = MilvusTarget.standalone(0).withNamespace("vectors");
    prometheus =
        RealPrometheus.start(
            PrometheusConfig.builder()
                .withMilvusTarget(MilvusTarget.standalone(exporter.port()))
                .withMilvusTarget(brokenTarget)
                .withUndiscoveredTarget(undiscovered)
                .withRuleFile("milvus", RULES)
                .build());
    api = prometheus.api();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    exporter.close();
    broken.close();
  }

  @Test
  void scrapes_the_exporter_as_the_operator_generated_job() {
    JsonNode up = api.awaitQuery("up{job=\"my-release-milvus\"} == 1", r -> r.size() == 1, TIMEOUT);
    assertThat(up.get(0).path("metric").path("namespace").asText()).isEqualTo("milvus");

    JsonNode buildInfo =
        api.awaitQuery("milvus_build_info", r -> r.size() == 1, TIMEOUT).get(0).path("metric");
    assertThat(buildInfo.path("version").asText()).isEqualTo("v2.6.15");
    assertThat(buildInfo.path("component").asText()).isEqualTo("standalone");
    assertThat(buildInfo.path("pod").asText())
        .isEqualTo("my-release-milvus-standalone-6b9f7c8d5f-x2x7q");
    assertThat(buildInfo.path("app_kubernetes_io_instance").asText()).isEqualTo("my-release");
    assertThat(buildInfo.path("endpoint").asText()).isEqualTo("metrics");
    assertThat(buildInfo.path("service").asText()).isEqualTo("my-release-milvus");
  }

  @Test
  void configures_the_undiscovered_job_without_active_targets_and_lists_its_pool_only_from_2_55() {
    api.awaitQuery(
        "up{job=\"my-release-milvus\"}", r -> r.size() == 1, TIMEOUT); // target sets are applied

    JsonNode pools = api.get("/api/v1/scrape_pools").path("data").path("scrapePools");
    assertThat(texts(pools)).contains("serviceMonitor/milvus/my-release-milvus-standalone/0");
    if (prometheus.listsPoolsOfJobsWithoutTargets()) {
      assertThat(texts(pools))
          .as("Prometheus %s lists the pool", prometheus.version())
          .contains(undiscovered.jobName());
    } else {
      assertThat(texts(pools))
          .as("Prometheus %s lists no pool", prometheus.version())
          .doesNotContain(undiscovered.jobName());
    }
    assertThat(api.get("/api/v1/status/config").path("data").path("yaml").asText())
        .contains("job_name: " + undiscovered.jobName());
    JsonNode targets = api.targets();
    assertThat(targets.path("activeTargets"))
        .extracting(t -> t.path("scrapePool").asText())
        .contains("serviceMonitor/milvus/my-release-milvus-standalone/0")
        .doesNotContain(undiscovered.jobName());
    assertThat(api.query("up{namespace=\"vectors\"}")).isEmpty();
  }

  @Test
  void reports_a_failing_exporter_as_down_with_its_last_error() {
    api.awaitQuery("up{job=\"broken-milvus\"} == 0", r -> r.size() == 1, TIMEOUT);

    JsonNode target = null;
    for (JsonNode candidate : api.targets().path("activeTargets")) {
      if (candidate.path("scrapePool").asText().equals(brokenTarget.jobName())) {
        target = candidate;
      }
    }
    assertThat(target).isNotNull();
    assertThat(target.path("health").asText()).isEqualTo("down");
    assertThat(target.path("lastError").asText()).contains("500");
  }

  @Test
  void keeps_nan_and_infinities_through_a_scrape() {
    exporter
        .setGauge("milvus_rootcoord_collection_num", Map.of("db_name", "nan"), Double.NaN)
        .setGauge(
            "milvus_rootcoord_collection_num", Map.of("db_name", "inf"), Double.POSITIVE_INFINITY)
        .setGauge(
            "milvus_rootcoord_collection_num", Map.of("db_name", "minf"), Double.NEGATIVE_INFINITY);

    assertThat(valueOf("milvus_rootcoord_collection_num{db_name=\"nan\"}")).isEqualTo("NaN");
    assertThat(valueOf("milvus_rootcoord_collection_num{db_name=\"inf\"}")).isEqualTo("+Inf");
    assertThat(valueOf("milvus_rootcoord_collection_num{db_name=\"minf\"}")).isEqualTo("-Inf");
  }

  @Test
  void evaluates_the_rule_files() {
    exporter.traffic().succeededRequest("Connect", "");
    JsonNode recorded = api.awaitQuery("milvus:proxy_req_count:total", r -> r.size() == 1, TIMEOUT);
    assertThat(recorded.get(0).path("value").get(1).asText()).isEqualTo("1");

    JsonNode groups = api.get("/api/v1/rules").path("data").path("groups");
    assertThat(groups).extracting(g -> g.path("name").asText()).containsExactly("milvus");
    JsonNode alerts = api.get("/api/v1/alerts").path("data").path("alerts");
    assertThat(alerts)
        .extracting(a -> a.path("labels").path("alertname").asText())
        .contains("MilvusBuildInfoPresent");
  }

  @Test
  void reports_its_version_and_readiness() {
    assertThat(prometheus.version()).matches("[23]\\.\\d+\\.\\d+.*");
    assertThat(api.status("/-/ready")).isEqualTo(200);
  }

  private static String valueOf(String selector) {
    return api.awaitQuery(selector, r -> r.size() == 1, TIMEOUT)
        .get(0)
        .path("value")
        .get(1)
        .asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
