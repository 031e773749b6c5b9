package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MilvusReleaseConfigTest {

  @Test
  void defaults_follow_the_milvus_monitoring_guide() {
    MilvusReleaseConfig config = MilvusReleaseConfig.defaults();

    assertThat(config.releaseName()).isEqualTo("my-release");
    assertThat(config.namespace()).isEqualTo("milvus");
    assertThat(config.chartRepository()).isEqualTo("https://zilliztech.github.io/milvus-helm/");
    assertThat(config.chartName()).isEqualTo("milvus");
    assertThat(config.chartVersion()).isEqualTo("5.0.19");
    assertThat(config.imageTag()).isEqualTo("v2.6.24");
    assertThat(config.profile()).isEqualTo(MilvusProfile.STANDALONE);
    assertThat(config.serviceMonitorInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.localChart()).isNull();
    assertThat(config.keepFailedRelease()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "kube-system", "monitoring"})
  void refuses_namespaces_where_prometheus_already_has_discovery_rights(String namespace) {
    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withNamespace(namespace).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Namespace '" + namespace + "' cannot hold the Milvus release")
        .hasMessageContaining("kube-prometheus already grants Prometheus discovery rights")
        .hasMessageContaining("would hide a missing or broken RBAC patch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Milvus", "milvus_it", "-milvus", "milvus-", ""})
  void refuses_namespace_that_is_not_a_dns_label(String namespace) {
    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withNamespace(namespace).build())
        .hasMessage(
            "Namespace '"
                + namespace
                + "' is not a valid Kubernetes namespace name: it must be a"
                + " DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or"
                + " digit, at most 63 characters).");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "My-Release",
        "my_release",
        "-release",
        "release-",
        "my.release",
        "",
        "a23456789012345678901234567890123456789012345678901234"
      })
  void refuses_release_name_that_is_not_a_dns_label_of_at_most_53_characters(String name) {
    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withReleaseName(name).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Release name '"
                + name
                + "' is not valid for Helm: it must be a DNS-1123 label"
                + " (lower-case letters, digits and '-', starting and ending with a letter or digit) of at most"
                + " 53 characters, e.g. 'my-release'.");
  }

  @Test
  void accepts_release_name_of_exactly_53_characters() {
    String name = "a2345678901234567890123456789012345678901234567890123";

    assertThat(MilvusReleaseConfig.builder().withReleaseName(name).build().releaseName())
        .hasSize(53);
  }

  @Test
  void refuses_scrape_timeout_equal_to_interval_naming_both() {
    assertThatThrownBy(
            () ->
                MilvusReleaseConfig.builder()
                    .withServiceMonitorInterval(Duration.ofSeconds(15))
                    .withScrapeTimeout(Duration.ofSeconds(15))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ServiceMonitor scrape timeout 15s is not below its interval 15s:")
        .hasMessageContaining("the Prometheus operator rejects");
  }

  @Test
  void refuses_scrape_timeout_above_interval_naming_both() {
    assertThatThrownBy(
            () ->
                MilvusReleaseConfig.builder()
                    .withServiceMonitorInterval(Duration.ofSeconds(30))
                    .withScrapeTimeout(Duration.ofSeconds(90))
                    .build())
        .hasMessageStartingWith(
            "ServiceMonitor scrape timeout 1m30s is not below its interval 30s:");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5})
  void refuses_ready_timeout_that_is_not_positive(long seconds) {
    assertThatThrownBy(
            () ->
                MilvusReleaseConfig.builder().withReadyTimeout(Duration.ofSeconds(seconds)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Ready timeout must be positive, got "
                + seconds
                + " s."
                + " Pass a duration longer than zero, such as Duration.ofSeconds(30).");
  }

  @Test
  void refuses_zero_interval() {
    assertThatThrownBy(
            () -> MilvusReleaseConfig.builder().withServiceMonitorInterval(Duration.ZERO).build())
        .hasMessage(
            "ServiceMonitor interval must be positive, got 0 s. Pass a duration longer than zero, such as Duration.ofSeconds(30).");
  }

  @Test
  void refuses_unknown_profile_listing_the_valid_ones() {
    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withProfile("tiny"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown Milvus profile 'tiny'. Valid profiles: standalone, one_pod, cluster (case and '-' for"
                + " '_' do not matter).");
  }

  @Test
  void parses_profile_name_ignoring_case() {
    assertThat(MilvusReleaseConfig.builder().withProfile("standalone").build().profile())
        .isEqualTo(MilvusProfile.STANDALONE);
  }

  @Test
  void refuses_values_file_that_does_not_exist() {
    Path missing = Path.of("no-such-values.yaml");

    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withValuesFile(missing).build())
        .hasMessage(
            "Values file "
                + missing.toAbsolutePath()
                + " does not exist or is not a readable file."
                + " Check the path given to withValuesFile(..).");
  }

  @Test
  void refuses_local_chart_that_does_not_exist() {
    Path missing = Path.of("no-such-chart");

    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withLocalChart(missing).build())
        .hasMessageStartingWith("Local chart " + missing.toAbsolutePath() + " does not exist.");
  }

  @Test
  void refuses_chart_repository_that_is_not_http() {
    assertThatThrownBy(
            () -> MilvusReleaseConfig.builder().withChartRepository("milvus/milvus").build())
        .hasMessageStartingWith("Chart repository 'milvus/milvus' is not an http(s) address.");
  }

  @Test
  void refuses_blank_image_tag() {
    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withImageTag(" ").build())
        .hasMessage("Milvus image tag must not be blank.");
  }

  @Test
  void to_builder_keeps_every_value() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withReleaseName("milvus-a")
            .withNamespace("ns-a")
            .withImageTag("v2.6.16")
            .withReadyTimeout(Duration.ofMinutes(3))
            .withKeepFailedRelease(true)
            .withValues(java.util.Map.of("a", 1))
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void printing_a_config_masks_the_values_of_secret_shaped_keys() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withValues(
                Map.of("minio", Map.of("secretKey", "planted-secret-value", "mode", "standalone")))
            .build();

    assertThat(config.toString())
        .contains("secretKey=<redacted>", "mode=standalone", "imageTag=v2.6.24")
        .doesNotContain("planted-secret-value");
  }

  @Test
  void an_image_tag_that_is_not_a_tag_is_refused_naming_the_form() {
    for (String notATag :
        List.of("milvusdb/milvus:v2.6.24", "v2.6.24 ", "-v2", "sha256@abc", "x".repeat(129))) {
      assertThatThrownBy(() -> MilvusReleaseConfig.builder().withImageTag(notATag).build())
          .as(notATag)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Milvus image tag '"
                  + notATag
                  + "' is not an image tag: a tag is 1 to 128 letters, digits,"
                  + " '_', '.' and '-', not starting with '.' or '-' (e.g. v2.6.24). Give only the tag to withImageTag(..)"
                  + " (CLI: --image-tag, annotation: imageTag), not the image name or a digest.");
    }
    assertThat(MilvusReleaseConfig.builder().withImageTag("v2.6.24-gpu").build().imageTag())
        .isEqualTo("v2.6.24-gpu");
  }
}
