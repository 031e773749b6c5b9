package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusConfigTest {

  @Test
  void names_and_labels_the_milvus_target_like_the_operator() {
    MilvusTarget target = MilvusTarget.standalone(9091);

    assertThat(target.jobName()).isEqualTo("serviceMonitor/milvus/my-release-milvus-standalone/0");
    assertThat(target.targetLabels())
        .containsEntry("namespace", "milvus")
        .containsEntry("service", "my-release-milvus")
        .containsEntry("pod", "my-release-milvus-standalone-6b9f7c8d5f-x2x7q")
        .containsEntry("container", "standalone")
        .containsEntry("endpoint", "metrics")
        .containsEntry("job", "my-release-milvus")
        .containsEntry("app_kubernetes_io_name", "milvus")
        .containsEntry("app_kubernetes_io_instance", "my-release")
        .containsEntry("component", "standalone");
    assertThat(target.withRelease("milvus-prod").service()).isEqualTo("milvus-prod");
  }

  @Test
  void writes_intervals_targets_undiscovered_jobs_empty_pools_and_rule_files() {
    String yaml =
        PrometheusConfig.builder()
            .withScrapeInterval(Duration.ofMillis(500))
            .withEvaluationInterval(Duration.ofSeconds(15))
            .withMilvusTarget(MilvusTarget.standalone(12345))
            .withUndiscoveredTarget(MilvusTarget.standalone(0).withNamespace("vectors"))
            .withEmptyScrapePool("serviceMonitor/vectors/listed-milvus-standalone/0")
            .withRuleFile("milvus", "groups: []\n")
            .build()
            .toYaml("host.testcontainers.internal", "/rules");

    assertThat(yaml)
        .contains(
            "  scrape_interval: 500ms\n  scrape_timeout: 500ms\n  evaluation_interval: 15s\n",
            "rule_files:\n  - \"/rules/milvus.yml\"\n",
            "  - job_name: \"serviceMonitor/milvus/my-release-milvus-standalone/0\"\n    honor_labels: true\n",
            "      - targets: [\"host.testcontainers.internal:12345\"]\n",
            "          job: \"my-release-milvus\"\n",
            "  - job_name: \"serviceMonitor/vectors/my-release-milvus-standalone/0\"\n    honor_labels: true\n"
                + "    file_sd_configs:\n      - files: [\"/rules/no-targets.json\"]\n",
            "  - job_name: \"serviceMonitor/vectors/listed-milvus-standalone/0\"\n    honor_labels: true\n"
                + "    static_configs: []\n");
  }

  @Test
  void caps_the_scrape_timeout_at_ten_seconds() {
    String yaml =
        PrometheusConfig.builder()
            .withScrapeInterval(Duration.ofSeconds(30))
            .build()
            .toYaml("h", "r");
    assertThat(yaml)
        .contains("scrape_interval: 30s\n  scrape_timeout: 10s\n")
        .doesNotContain("rule_files");
  }

  @Test
  void refuses_two_jobs_with_the_same_name() {
    PrometheusConfig.Builder builder =
        PrometheusConfig.builder()
            .withMilvusTarget(MilvusTarget.standalone(1))
            .withUndiscoveredTarget(MilvusTarget.standalone(2));
    assertThatThrownBy(builder::build).hasMessageStartingWith("Scrape job names must be unique");
  }
}
