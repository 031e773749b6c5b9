package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.milvus.internal.ValuesFiles;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilvusValuesTest {

  @TempDir Path dir;

  @Test
  void layers_profile_monitoring_and_image_tag() {
    MilvusValues values =
        MilvusValues.of(
            MilvusReleaseConfig.builder()
                .withImageTag("v2.6.16")
                .withServiceMonitorInterval(Duration.ofSeconds(20))
                .withScrapeTimeout(Duration.ofMillis(7500))
                .build());

    Map<String, Object> tree = values.tree();
    assertThat(ValuesMerge.lookup(tree, "cluster.enabled")).isEqualTo(false);
    assertThat(ValuesMerge.lookup(tree, "etcd.replicaCount")).isEqualTo(1);
    assertThat(ValuesMerge.lookup(tree, "minio.mode")).isEqualTo("standalone");
    assertThat(ValuesMerge.lookup(tree, "pulsarv3.enabled")).isEqualTo(false);
    assertThat(ValuesMerge.lookup(tree, "standalone.messageQueue")).isEqualTo("woodpecker");
    assertThat(ValuesMerge.lookup(tree, "metrics.enabled")).isEqualTo(true);
    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.enabled")).isEqualTo(true);
    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.interval")).isEqualTo("20s");
    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.scrapeTimeout"))
        .isEqualTo("7s500ms");
    assertThat(ValuesMerge.lookup(tree, "image.all.tag")).isEqualTo("v2.6.16");
    assertThat(values.serviceMonitorInterval()).isEqualTo("20s");
    assertThat(values.scrapeTimeout()).isEqualTo("7s500ms");
  }

  @Test
  void user_map_wins_over_file_and_file_wins_over_profile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("values.yaml"),
            "etcd:\n  replicaCount: 3\n  extraEnvVars:\n    - name: A\n      value: '1'\nminio:\n  mode: distributed\n");
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withValuesFile(file)
            .withValues(Map.of("minio", Map.of("mode", "standalone", "resources", Map.of())))
            .build();

    Map<String, Object> tree = MilvusValues.of(config).tree();

    assertThat(ValuesMerge.lookup(tree, "etcd.replicaCount")).isEqualTo(3);
    assertThat(ValuesMerge.lookup(tree, "etcd.extraEnvVars"))
        .isEqualTo(List.of(Map.of("name", "A", "value", "1")));
    assertThat(ValuesMerge.lookup(tree, "minio.mode")).isEqualTo("standalone");
    assertThat(ValuesMerge.lookup(tree, "cluster.enabled")).isEqualTo(false);
  }

  @Test
  void user_values_can_override_the_image_tag_and_the_scrape_timing() {
    MilvusValues values =
        MilvusValues.of(
            MilvusReleaseConfig.builder()
                .withValues(
                    Map.of(
                        "image",
                        Map.of("all", Map.of("tag", "master-latest")),
                        "metrics",
                        Map.of("serviceMonitor", Map.of("interval", "1m", "scrapeTimeout", "20s"))))
                .build());

    assertThat(ValuesMerge.lookup(values.tree(), "image.all.tag")).isEqualTo("master-latest");
    assertThat(values.serviceMonitorInterval()).isEqualTo("1m");
    assertThat(values.scrapeTimeout()).isEqualTo("20s");
  }

  @Test
  void refuses_user_values_whose_scrape_timeout_reaches_the_interval() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withValues(Map.of("metrics", Map.of("serviceMonitor", Map.of("scrapeTimeout", "30s"))))
            .build();

    assertThatThrownBy(() -> MilvusValues.of(config))
        .hasMessageStartingWith("ServiceMonitor scrape timeout 30s is not below its interval 30s:");
  }

  @Test
  void refuses_user_values_that_switch_the_service_monitor_off() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withValues(Map.of("metrics", Map.of("serviceMonitor", Map.of("enabled", false))))
            .build();

    assertThatThrownBy(() -> MilvusValues.of(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The values given turn 'metrics.serviceMonitor.enabled' to false,")
        .hasMessageContaining("Remove 'metrics.serviceMonitor.enabled' from your values.");
  }

  @Test
  void refuses_in_every_profile_a_values_file_that_switches_metrics_off() throws Exception {
    Path file = Files.writeString(dir.resolve("no-metrics.yaml"), "metrics:\n  enabled: false\n");
    for (MilvusProfile profile : MilvusProfile.values()) {
      MilvusReleaseConfig config =
          MilvusReleaseConfig.builder().withProfile(profile).withValuesFile(file).build();

      assertThatThrownBy(() -> MilvusValues.of(config))
          .as(profile.name())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "The values given turn 'metrics.enabled' to false, but the Milvus release exists here to be"
                  + " scraped through its ServiceMonitor, which needs metrics.enabled=true and"
                  + " metrics.serviceMonitor.enabled=true. Remove 'metrics.enabled' from your values.");
    }
  }

  @Test
  void cluster_profile_names_the_service_monitor_after_the_release_and_each_component_service() {
    MilvusReleaseNames names =
        MilvusValues.of(MilvusReleaseConfig.builder().withProfile(MilvusProfile.CLUSTER).build())
            .names();

    assertThat(names.serviceMonitorName()).isEqualTo("my-release-milvus");
    assertThat(names.serviceName("proxy"))
        .isEqualTo("my-release-milvus")
        .isEqualTo(names.jobLabel());
    assertThat(names.serviceName("querynode")).isEqualTo("my-release-milvus-querynode");
    assertThat(
            MilvusValues.of(MilvusReleaseConfig.builder().build())
                .names()
                .serviceName("standalone"))
        .isEqualTo("my-release-milvus");
  }

  @Test
  void refuses_user_values_that_remove_metrics() {
    java.util.HashMap<String, Object> metrics = new java.util.HashMap<>();
    metrics.put("enabled", null);
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder().withValues(Map.of("metrics", metrics)).build();

    assertThatThrownBy(() -> MilvusValues.of(config))
        .hasMessageStartingWith("The values given turn 'metrics.enabled' to null,");
  }

  @Test
  void refuses_values_file_that_is_not_a_mapping() throws Exception {
    Path file = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
    MilvusReleaseConfig config = MilvusReleaseConfig.builder().withValuesFile(file).build();

    assertThatThrownBy(() -> MilvusValues.of(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Values file "
                + file.toAbsolutePath()
                + " could not be read as a YAML map of Helm values:");
  }

  @Test
  void empty_values_file_changes_nothing() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "");

    MilvusValues values =
        MilvusValues.of(MilvusReleaseConfig.builder().withValuesFile(file).build());

    assertThat(values.tree()).isEqualTo(MilvusValues.of(MilvusReleaseConfig.defaults()).tree());
  }

  @Test
  void names_follow_the_chart_fullname_rule() {
    assertThat(MilvusValues.of(MilvusReleaseConfig.defaults()).names())
        .isEqualTo(
            new MilvusReleaseNames(
                "my-release",
                "milvus",
                "my-release-milvus",
                "my-release-milvus",
                "my-release-milvus-standalone",
                "my-release-milvus"));
    assertThat(
            MilvusValues.of(MilvusReleaseConfig.builder().withReleaseName("test-milvus-1").build())
                .names()
                .serviceMonitorName())
        .isEqualTo("test-milvus-1-standalone");
  }

  @Test
  void names_honour_fullname_and_name_overrides() {
    MilvusValues full =
        MilvusValues.of(
            MilvusReleaseConfig.builder()
                .withValues(Map.of("fullnameOverride", "vectors"))
                .build());
    MilvusValues named =
        MilvusValues.of(
            MilvusReleaseConfig.builder().withValues(Map.of("nameOverride", "vdb")).build());

    assertThat(full.names().serviceMonitorName()).isEqualTo("vectors-standalone");
    assertThat(full.names().jobLabel()).isEqualTo("vectors");
    assertThat(named.names().serviceMonitorName()).isEqualTo("my-release-vdb-standalone");
  }

  @Test
  void yaml_round_trips_to_the_same_tree() throws Exception {
    MilvusValues values =
        MilvusValues.of(
            MilvusReleaseConfig.builder()
                .withValues(
                    Map.of(
                        "standalone",
                        Map.of("extraEnv", List.of(Map.of("name", "X", "value", "true")))))
                .build());

    Path file = values.writeTo(dir);

    assertThat(file.getFileName().toString()).isEqualTo("milvus-values.yaml");
    assertThat(ValuesFiles.read(file)).isEqualTo(values.tree());
    assertThat(Files.readString(file)).contains("value: \"true\"");
  }
}
