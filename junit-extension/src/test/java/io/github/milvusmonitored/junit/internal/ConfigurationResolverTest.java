package io.github.milvusmonitored.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ConfigurationResolverTest {

  @MilvusMonitored(
      scrapeInterval = "20s",
      scrapeTimeout = "PT5S",
      imageTag = "v2.6.14",
      reuse = true,
      k3sImage = "rancher/k3s:v1.36.1-k3s1",
      disabledWithoutDocker = true)
  static class Annotated {}

  private static final MilvusMonitored ANNOTATION =
      Annotated.class.getAnnotation(MilvusMonitored.class);

  private static ResolvedConfiguration resolve(
      Map<String, String> properties, Map<String, String> variables) {
    return new ConfigurationResolver(properties, variables).resolve(Optional.of(ANNOTATION));
  }

  @Test
  void without_settings_gives_the_library_defaults() {
    ResolvedConfiguration resolved =
        new ConfigurationResolver(Map.of(), Map.of()).resolve(Optional.empty());

    assertThat(resolved.environment()).isEqualTo(EnvironmentConfig.defaults());
    assertThat(resolved.disabledWithoutDocker()).isFalse();
    assertThat(resolved.values())
        .allSatisfy(v -> assertThat(v.source()).isEqualTo(ConfigSource.DEFAULT));
  }

  @Test
  void annotation_overrides_defaults() {
    ResolvedConfiguration resolved = resolve(Map.of(), Map.of());

    EnvironmentConfig config = resolved.environment();
    assertThat(config.milvus().serviceMonitorInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.milvus().scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.milvus().imageTag()).isEqualTo("v2.6.14");
    assertThat(config.cluster())
        .isEqualTo(
            new ClusterChoice.K3s(
                K3sClusterConfig.defaults().withImage("rancher/k3s:v1.36.1-k3s1").withReuse(true)));
    assertThat(resolved.disabledWithoutDocker()).isTrue();
    assertThat(resolved.value(ConfigKey.SCRAPE_INTERVAL).source())
        .isEqualTo(ConfigSource.ANNOTATION);
    assertThat(resolved.value(ConfigKey.CHART_VERSION).source()).isEqualTo(ConfigSource.DEFAULT);
  }

  @Test
  void system_property_overrides_annotation_and_environment_variable_overrides_both() {
    ResolvedConfiguration resolved =
        resolve(
            Map.of(
                "milvus.monitored.scrapeInterval",
                "40s",
                "milvus.monitored.scrapeTimeout",
                "15s",
                "milvus.monitored.stackProfile",
                "FULL"),
            Map.of(
                "MILVUS_MONITORED_SCRAPE_INTERVAL",
                "1m",
                "MILVUS_MONITORED_KUBE_PROMETHEUS_VERSION",
                "v0.17.0"));

    EnvironmentConfig config = resolved.environment();
    assertThat(config.milvus().serviceMonitorInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.milvus().scrapeTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.stackProfile()).isEqualTo(StackProfile.FULL);
    assertThat(config.manifests()).isEqualTo(ManifestSource.download("v0.17.0"));
    assertThat(resolved.value(ConfigKey.SCRAPE_INTERVAL).source())
        .isEqualTo(ConfigSource.ENVIRONMENT_VARIABLE);
    assertThat(resolved.value(ConfigKey.SCRAPE_TIMEOUT).source())
        .isEqualTo(ConfigSource.SYSTEM_PROPERTY);
    assertThat(resolved.value(ConfigKey.IMAGE_TAG).source()).isEqualTo(ConfigSource.ANNOTATION);
  }

  @Test
  void empty_kubeconfig_from_a_property_returns_to_k3s_and_a_set_one_selects_an_existing_cluster() {
    assertThat(resolve(Map.of("milvus.monitored.kubeconfig", ""), Map.of()).environment().cluster())
        .isInstanceOf(ClusterChoice.K3s.class);
    assertThat(
            resolve(Map.of(), Map.of("MILVUS_MONITORED_KUBECONFIG", "/etc/lab.yaml"))
                .environment()
                .cluster())
        .isEqualTo(new ClusterChoice.Existing(Path.of("/etc/lab.yaml"), null));
  }

  @Test
  void refuses_unknown_property_and_variable_suggesting_the_closest_key() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("milvus.monitored.scrapeintervall", "1m", "user.name", "x"),
                    Map.of("MILVUS_MONITORED_STACK_PROFIL", "full", "HOME", "/root")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "Unknown @MilvusMonitored setting: system property milvus.monitored.scrapeintervall."
                + " Did you mean milvus.monitored.scrapeInterval?")
        .hasMessageContaining(
            "Unknown @MilvusMonitored setting: environment variable MILVUS_MONITORED_STACK_PROFIL."
                + " Did you mean MILVUS_MONITORED_STACK_PROFILE?")
        .hasMessageContaining(
            "Valid keys: stackProfile, stack, chartVersion, imageTag, kubePrometheusVersion, k3sImage,");
  }

  @Test
  void the_stack_setting_takes_install_existing_or_auto() {
    assertThat(resolve(Map.of(), Map.of()).environment().stack())
        .isEqualTo(io.github.milvusmonitored.environment.StackMode.INSTALL);
    assertThat(
            resolve(Map.of("milvus.monitored.stack", "existing"), Map.of()).environment().stack())
        .isEqualTo(io.github.milvusmonitored.environment.StackMode.EXISTING);
    assertThat(resolve(Map.of(), Map.of("MILVUS_MONITORED_STACK", "AUTO")).environment().stack())
        .isEqualTo(io.github.milvusmonitored.environment.StackMode.AUTO);
    assertThatThrownBy(() -> resolve(Map.of("milvus.monitored.stack", "helm"), Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("install, existing or auto");
  }

  @Test
  void a_short_unknown_key_gets_no_suggestion_of_an_unrelated_one() {
    assertThatThrownBy(
            () -> resolve(Map.of("milvus.monitored.foo", "1"), Map.of("MILVUS_MONITORED_BAR", "2")))
        .hasMessageContaining(
            "Unknown @MilvusMonitored setting: system property milvus.monitored.foo. Valid keys:")
        .hasMessageContaining(
            "Unknown @MilvusMonitored setting: environment variable MILVUS_MONITORED_BAR. Valid keys:")
        .hasMessageNotContaining("Did you mean");
    assertThatThrownBy(() -> resolve(Map.of("milvus.monitored.reuze", "true"), Map.of()))
        .hasMessageContaining(
            "system property milvus.monitored.reuze. Did you mean milvus.monitored.reuse?");
  }

  @Test
  void unknown_setting_far_from_every_key_gets_no_suggestion() {
    assertThatThrownBy(
            () -> resolve(Map.of("milvus.monitored.somethingElseEntirely", "1"), Map.of()))
        .hasMessageContaining("system property milvus.monitored.somethingElseEntirely. Valid keys:")
        .hasMessageNotContaining("Did you mean");
  }

  @Test
  void refuses_a_bad_duration_naming_key_value_source_and_expected_form() {
    assertThatThrownBy(
            () -> resolve(Map.of("milvus.monitored.stackReadyTimeout", "ten minutes"), Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "Invalid @MilvusMonitored setting stackReadyTimeout = 'ten minutes' from system"
                + " property milvus.monitored.stackReadyTimeout")
        .hasMessageContaining("Expected a positive duration such as 30s, 1m30s, 5m or PT30S.");
    assertThatThrownBy(
            () -> resolve(Map.of(), Map.of("MILVUS_MONITORED_FIRST_SAMPLE_TIMEOUT", "PT0S")))
        .hasMessageContaining(
            "firstSampleTimeout = 'PT0S' from environment variable"
                + " MILVUS_MONITORED_FIRST_SAMPLE_TIMEOUT: not positive");
  }

  @Test
  void refuses_a_bad_profile_and_a_bad_boolean_in_one_message() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "milvus.monitored.stackProfile",
                        "tiny",
                        "milvus.monitored.keepOnFailure",
                        "yes"),
                    Map.of()))
        .hasMessageContaining(
            "stackProfile = 'tiny' from system property milvus.monitored.stackProfile")
        .hasMessageContaining("Expected minimal or full.")
        .hasMessageContaining(
            "keepOnFailure = 'yes' from system property milvus.monitored.keepOnFailure")
        .hasMessageContaining("Expected true or false.");
  }

  @Test
  void milvus_profile_defaults_to_standalone_and_is_set_by_annotation_or_variable() {
    @MilvusMonitored(milvusProfile = "one_pod")
    class OnePod {}
    MilvusMonitored onePod = OnePod.class.getAnnotation(MilvusMonitored.class);

    assertThat(resolve(Map.of(), Map.of()).environment().milvus().profile())
        .isEqualTo(MilvusProfile.STANDALONE);
    ResolvedConfiguration annotated =
        new ConfigurationResolver(Map.of(), Map.of()).resolve(Optional.of(onePod));
    assertThat(annotated.environment().milvus().profile()).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(annotated.value(ConfigKey.MILVUS_PROFILE).source())
        .isEqualTo(ConfigSource.ANNOTATION);
    ResolvedConfiguration overridden =
        new ConfigurationResolver(Map.of(), Map.of("MILVUS_MONITORED_MILVUS_PROFILE", "standalone"))
            .resolve(Optional.of(onePod));
    assertThat(overridden.environment().milvus().profile()).isEqualTo(MilvusProfile.STANDALONE);
  }

  @Test
  void refuses_an_unknown_milvus_profile_naming_the_valid_ones() {
    assertThatThrownBy(() -> resolve(Map.of("milvus.monitored.milvusProfile", "tiny"), Map.of()))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "milvusProfile = 'tiny' from system property milvus.monitored.milvusProfile")
        .hasMessageContaining("Expected standalone, one_pod or cluster.");
  }

  @Test
  void milvus_profile_cluster_is_accepted_from_annotation_property_and_variable() {
    @MilvusMonitored(milvusProfile = "cluster")
    class Cluster {}
    MilvusMonitored cluster = Cluster.class.getAnnotation(MilvusMonitored.class);

    assertThat(
            new ConfigurationResolver(Map.of(), Map.of())
                .resolve(Optional.of(cluster))
                .environment()
                .milvus()
                .profile())
        .isEqualTo(MilvusProfile.CLUSTER);
    assertThat(
            resolve(Map.of("milvus.monitored.milvusProfile", "cluster"), Map.of())
                .environment()
                .milvus()
                .profile())
        .isEqualTo(MilvusProfile.CLUSTER);
    assertThat(
            resolve(Map.of(), Map.of("MILVUS_MONITORED_MILVUS_PROFILE", "CLUSTER"))
                .environment()
                .milvus()
                .profile())
        .isEqualTo(MilvusProfile.CLUSTER);
  }

  @Test
  void refuses_a_scrape_timeout_not_below_the_interval_naming_both_sources() {
    assertThatThrownBy(() -> resolve(Map.of("milvus.monitored.scrapeTimeout", "30s"), Map.of()))
        .hasMessage(
            "The @MilvusMonitored configuration is inconsistent: the scrape timeout 30s is not below the"
                + " scrape interval 20s; the Prometheus operator rejects such a ServiceMonitor endpoint. Values involved:"
                + " scrapeInterval = '20s' from @MilvusMonitored(scrapeInterval); scrapeTimeout = '30s' from system"
                + " property milvus.monitored.scrapeTimeout. Change one of them.");
  }

  @Test
  void refuses_a_context_without_a_kubeconfig() {
    assertThatThrownBy(() -> resolve(Map.of("milvus.monitored.context", "lab"), Map.of()))
        .hasMessageContaining("a context is set but no kubeconfig")
        .hasMessageContaining("context = 'lab' from system property milvus.monitored.context");
  }

  @Test
  void refuses_an_image_that_is_not_k3s() {
    assertThatThrownBy(
            () -> resolve(Map.of(), Map.of("MILVUS_MONITORED_K3S_IMAGE", "nginx:latest")))
        .hasMessageContaining(
            "k3sImage = 'nginx:latest' from environment variable MILVUS_MONITORED_K3S_IMAGE");
  }

  @Test
  void table_lists_every_key_with_value_and_source() {
    String table = resolve(Map.of("milvus.monitored.chartVersion", "5.0.18"), Map.of()).table();

    assertThat(table.lines()).hasSize(ConfigKey.values().length + 1);
    assertThat(table)
        .containsPattern(
            "chartVersion +5\\.0\\.18 +system property milvus\\.monitored\\.chartVersion")
        .containsPattern("scrapeInterval +20s +@MilvusMonitored\\(scrapeInterval\\)")
        .containsPattern("kubeconfig +\\(none\\) +built-in default");
  }

  @Test
  void environment_variable_names_are_the_keys_in_upper_snake_case() {
    assertThat(ConfigKey.K3S_IMAGE.environmentVariable()).isEqualTo("MILVUS_MONITORED_K3S_IMAGE");
    assertThat(ConfigKey.DISABLED_WITHOUT_DOCKER.environmentVariable())
        .isEqualTo("MILVUS_MONITORED_DISABLED_WITHOUT_DOCKER");
    for (ConfigKey key : ConfigKey.values()) {
      assertThat(key.environmentVariable())
          .isEqualTo(
              "MILVUS_MONITORED_"
                  + key.key().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase());
    }
  }
}
