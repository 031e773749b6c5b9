package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilvusHelmReleaseInstallTest {

  @TempDir Path dir;

  static Path kubeconfig(Path dir, String server) throws Exception {
    return Files.writeString(
        dir.resolve("kubeconfig.yaml"),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: test
          user:
            token: test-token
        contexts:
        - name: test
          context:
            cluster: test
            user: test
            namespace: milvus
        current-context: test
        """
            .formatted(server));
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void reports_cluster_that_does_not_answer_quickly_and_before_downloading_the_chart()
      throws Exception {
    String server = "https://127.0.0.1:" + closedPort();
    Path kubeconfig = kubeconfig(dir, server);
    try (ChartRepositoryFixture repository = new ChartRepositoryFixture(dir);
        MilvusHelmRelease release =
            MilvusHelmRelease.create(
                MilvusReleaseConfig.builder()
                    .withChartRepository(repository.repository())
                    .build())) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> release.install(kubeconfig))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageStartingWith(
              "The Kubernetes API server "
                  + server
                  + "/ (from kubeconfig "
                  + kubeconfig.toAbsolutePath()
                  + ") does not answer:")
          .hasMessageContaining("Connection refused")
          .hasMessageEndingWith(
              "Check with `kubectl --kubeconfig " + kubeconfig.toAbsolutePath() + " version`.");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
      assertThat(repository.requests()).as("chart repository requests").isZero();
    }
  }

  @Test
  void reports_missing_kubeconfig() {
    Path missing = dir.resolve("absent-kubeconfig");
    try (MilvusHelmRelease release = MilvusHelmRelease.create(ChartFixture.config().build())) {
      assertThatThrownBy(() -> release.install(missing))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessage(
              "Kubeconfig "
                  + missing.toAbsolutePath()
                  + " does not exist or is not readable. Pass the"
                  + " kubeconfig file of the cluster to install into.");
    }
  }

  @Test
  void status_and_uninstall_need_an_install_or_a_kubeconfig() {
    try (MilvusHelmRelease release = MilvusHelmRelease.create(ChartFixture.config().build())) {
      assertThatThrownBy(release::status)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("This Milvus release has not been installed through this object");
      assertThatThrownBy(release::uninstall)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Call install(kubeconfig) first");
    }
  }

  @Test
  void reports_status_failure_with_release_and_namespace() throws Exception {
    Path kubeconfig = kubeconfig(dir, "https://127.0.0.1:" + closedPort());
    try (MilvusHelmRelease release =
        MilvusHelmRelease.create(ChartFixture.config().withNamespace("milvus-it").build())) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> release.status(kubeconfig))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageStartingWith(
              "Helm status of release 'my-release' in namespace 'milvus-it' failed:")
          .hasMessageContaining("connection refused");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void close_removes_the_private_helm_directory() throws Exception {
    MilvusHelmRelease release = MilvusHelmRelease.create(ChartFixture.config().build());
    release.render();
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    long before = countWorkspaces(root);

    release.close();

    assertThat(countWorkspaces(root)).isEqualTo(before - 1);
  }

  private static long countWorkspaces(Path root) throws Exception {
    try (var paths = Files.list(root)) {
      return paths
          .filter(
              path ->
                  path.getFileName()
                      .toString()
                      .startsWith("milvus-helm-" + ProcessHandle.current().pid() + "-"))
          .count();
    }
  }
}
