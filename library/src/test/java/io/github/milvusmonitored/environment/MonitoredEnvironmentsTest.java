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

  @TempDir Path dir;

  @Test
  void a_tampered_manifest_is_refused_before_a_cluster_starts() throws Exception {
    Path manifests = dir.resolve("manifests");
    Files.createDirectories(manifests.resolve("setup"));
    Files.writeString(
        manifests.resolve("prometheus-prometheus.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    // A k3s cluster would need Docker: reaching that phase would fail differently.
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withManifests(ManifestSource.directory(manifests))
            .withReportDirectory(dir.resolve("report"));

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .isInstanceOfSatisfying(
            EnvironmentStartException.class,
            e -> {
              assertThat(e.phase()).isEqualTo("manifests verified");
              assertThat(e.diagnostics()).isEmpty();
            })
        .hasCauseInstanceOf(ManifestVerificationException.class)
        .hasMessageStartingWith(
            "The monitored environment did not come up: phase 'manifests verified' failed:"
                + " kube-prometheus manifests from folder ")
        .hasMessageContaining("prometheus-prometheus.yaml")
        .hasMessageContaining(
            "\n  Nothing was installed: the run stopped before it changed any cluster.");
  }

  @Test
  void a_failure_before_the_cluster_is_up_still_writes_the_timing_report() throws Exception {
    Path report = dir.resolve("report");
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withManifests(ManifestSource.archive(dir.resolve("missing.tar.gz")))
            .withReportDirectory(report);

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .hasMessageContaining("missing.tar.gz");
    assertThat(report.resolve("timing-report.json")).exists();
    assertThat(Files.readString(report.resolve("timing-report.json")))
        .contains("\"name\" : \"manifests verified\"")
        .contains("\"outcome\" : \"failed\"");
  }

  @Test
  void a_missing_kubeconfig_is_refused_before_anything_is_downloaded() {
    Path kubeconfig = dir.resolve("absent.kubeconfig");
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withManifests(offlineDownload())
            .withCluster(new ClusterChoice.Existing(kubeconfig, null))
            .withReportDirectory(dir.resolve("report"));

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessage(
            "The monitored environment did not come up: phase 'configuration checked' failed: No kubeconfig at "
                + kubeconfig
                + ". Pass the path of an existing kubeconfig file, or set KUBECONFIG; to start a throwaway"
                + " k3s instead, do not configure an existing cluster.\n  Nothing was installed: the run stopped before it"
                + " changed any cluster.\n  Timing report: "
                + dir.resolve("report/timing-report.json").toAbsolutePath());
    assertThat(dir.resolve("cache")).doesNotExist();
    assertThat(dir.resolve("report/timing-report.json")).exists();
  }

  @Test
  void a_context_the_kubeconfig_does_not_hold_is_refused_before_anything_is_downloaded()
      throws Exception {
    Path kubeconfig = dir.resolve("lab.kubeconfig");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "current-context: lab",
            "clusters:",
            "- name: lab",
            "  cluster:",
            "    server: https://127.0.0.1:1",
            "contexts:",
            "- name: lab",
            "  context:",
            "    cluster: lab",
            "    user: lab",
            "users:",
            "- name: lab",
            "  user:",
            "    token: t",
            ""));
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withManifests(offlineDownload())
            .withCluster(new ClusterChoice.Existing(kubeconfig, "prod"))
            .withReportDirectory(dir.resolve("report"));

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "phase 'configuration checked' failed: Context 'prod' is not in the kubeconfig "
                + kubeconfig
                + " (context prod). Contexts there: [lab].\n  Nothing was installed");
    assertThat(dir.resolve("cache")).doesNotExist();
  }

  /** A download that would fail at once: nothing listens on port 1 of the loopback address. */
  private ManifestSource offlineDownload() {
    return ManifestSource.download("v0.18.0")
        .withUri(java.net.URI.create("http://127.0.0.1:1/v0.18.0.tar.gz"))
        .withCacheDirectory(dir.resolve("cache"))
        .withTimeout(Duration.ofSeconds(2));
  }

  @Test
  void non_positive_deadlines_are_refused() {
    assertThatThrownBy(() -> EnvironmentConfig.defaults().withStackReadyTimeout(Duration.ZERO))
        .hasMessageStartingWith("stackReadyTimeout must be positive, got 0 s.");
    assertThatThrownBy(
            () -> EnvironmentConfig.defaults().withFirstSampleTimeout(Duration.ofSeconds(-5)))
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
