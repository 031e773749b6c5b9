package io.github.milvusmonitored.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.ManifestVerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before any cluster is started or anything installed. */
class MonitoredEnvironmentsTest {

  @TempDir
  Path dir;

  @Test
  void a_tampered_manifest_is_refused_before_a_cluster_starts() throws Exception {
    Path manifests = dir.resolve("manifests");
    Files.createDirectories(manifests.resolve("setup"));
    Files.writeString(manifests.resolve("prometheus-prometheus.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    // A k3s cluster would need Docker: reaching that phase would fail differently.
    EnvironmentConfig config = EnvironmentConfig.defaults().withManifests(ManifestSource.directory(manifests))
        .withReportDirectory(dir.resolve("report"));

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .isInstanceOf(ManifestVerificationException.class)
        .hasMessageContaining("prometheus-prometheus.yaml");
  }

  @Test
  void a_failure_before_the_cluster_is_up_still_writes_the_timing_report() throws Exception {
    Path report = dir.resolve("report");
    EnvironmentConfig config = EnvironmentConfig.defaults()
        .withManifests(ManifestSource.archive(dir.resolve("missing.tar.gz"))).withReportDirectory(report);

    assertThatThrownBy(() -> MonitoredEnvironments.start(config)).hasMessageContaining("missing.tar.gz");
    assertThat(report.resolve("timing-report.json")).exists();
    assertThat(Files.readString(report.resolve("timing-report.json")))
        .contains("\"name\" : \"manifests verified\"").contains("\"outcome\" : \"failed\"");
  }

  @Test
  void non_positive_deadlines_are_refused() {
    assertThatThrownBy(() -> EnvironmentConfig.defaults().withStackReadyTimeout(Duration.ZERO))
        .hasMessageStartingWith("stackReadyTimeout must be positive, got PT0S.");
    assertThatThrownBy(() -> EnvironmentConfig.defaults().withFirstSampleTimeout(Duration.ofSeconds(-5)))
        .hasMessageStartingWith("firstSampleTimeout must be positive");
  }

  @Test
  void defaults_are_the_light_test_setup() {
    EnvironmentConfig config = EnvironmentConfig.defaults();
    assertThat(config.cluster()).isInstanceOf(ClusterChoice.K3s.class);
    assertThat(config.stackProfile().name()).isEqualTo("MINIMAL");
    assertThat(config.milvus().namespace()).isEqualTo("milvus");
    assertThat(config.preloadImages()).isTrue();
    assertThat(config.keepOnFailure()).isFalse();
  }
}
