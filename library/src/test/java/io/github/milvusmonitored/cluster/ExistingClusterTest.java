package io.github.milvusmonitored.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient
class ExistingClusterTest {

  KubernetesMockServer server;
  KubernetesClient mockClient;

  @TempDir Path dir;

  private Path kubeconfig(String server) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: ci
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: ci
          user:
            token: secret-token
        contexts:
        - name: ci
          context: {cluster: ci, user: ci}
        - name: other
          context: {cluster: ci, user: ci}
        current-context: ci
        """
            .formatted(server));
    return file;
  }

  @Test
  void connects_through_a_kubeconfig_and_its_named_context() throws Exception {
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("35").withGitVersion("v1.35.0").build());

    try (ExistingCluster cluster =
        ExistingCluster.connect(kubeconfig(mockClient.getMasterUrl().toString()), "other")) {
      assertThat(cluster.kubernetesVersion()).isEqualTo("v1.35.0");
      assertThat(cluster.isDisposable()).isFalse();
      assertThat(cluster.description()).contains("existing cluster").contains("(context other)");
      assertThat(Files.readString(cluster.kubeconfigFile())).contains("secret-token");
    }
  }

  @Test
  void every_client_gets_the_chosen_context_in_a_private_file_removed_at_close() throws Exception {
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("35").withGitVersion("v1.35.0").build());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path file = dir.resolve("two-clusters");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: elsewhere, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}
        - {name: here, cluster: {server: "%s", insecure-skip-tls-verify: true}}
        users: [{name: u, user: {token: t}}]
        contexts:
        - {name: current, context: {cluster: elsewhere, user: u}}
        - {name: chosen, context: {cluster: here, user: u}}
        current-context: current
        """
            .formatted(closed, mockClient.getMasterUrl()));

    Path written;
    try (ExistingCluster cluster = ExistingCluster.connect(file, "chosen")) {
      written = cluster.kubeconfigFile();
      // What Helm and the probes read: the file's current context, now the chosen one.
      io.fabric8.kubernetes.client.Config helmView =
          io.fabric8.kubernetes.client.Config.fromKubeconfig(written.toFile());
      assertThat(helmView.getMasterUrl()).isEqualTo(mockClient.getMasterUrl().toString());
      assertThat(helmView.getCurrentContext().getName()).isEqualTo("chosen");
      assertThat(cluster.client().getMasterUrl()).isEqualTo(mockClient.getMasterUrl());
      assertThat(cluster.context()).isEqualTo("chosen");
      assertThat(Files.readString(written)).doesNotContain(String.valueOf(closed));
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(written)))
          .isEqualTo("rw-------");
    }
    assertThat(written).doesNotExist();
    assertThat(Files.readString(file)).contains("current-context: current");
  }

  @Test
  void a_missing_file_says_how_to_point_at_one() {
    assertThatThrownBy(() -> ExistingCluster.connect(dir.resolve("nope"), null))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith("No kubeconfig at " + dir.resolve("nope"))
        .hasMessageContaining("set KUBECONFIG");
  }

  @Test
  void a_kubeconfig_that_does_not_parse_is_refused_clearly() throws Exception {
    Path file = dir.resolve("broken");
    Files.writeString(file, "clusters: [ this is : not yaml");

    assertThatThrownBy(() -> ExistingCluster.connect(file, null))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith("Could not read the kubeconfig " + file)
        .hasMessageContaining("kubectl --kubeconfig <file> config get-contexts");
  }

  @Test
  void a_parse_error_names_the_problem_and_position_but_never_the_line_with_the_token()
      throws Exception {
    Path file = dir.resolve("broken-token");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n"
            + "    token: s3cr3t-token-value: [unclosed\n");

    assertThatThrownBy(() -> ExistingCluster.connect(file, null))
        .isInstanceOf(ClusterException.class)
        .hasNoCause()
        .hasMessage(
            "Could not read the kubeconfig "
                + file
                + ": ScannerException: mapping values are not allowed here"
                + " (line 6, column 30). Check that the file is a kubeconfig (apiVersion: v1, kind: Config) and that the"
                + " context exists (kubectl --kubeconfig <file> config get-contexts).");
  }

  @Test
  void an_unknown_context_lists_the_known_ones() throws Exception {
    assertThatThrownBy(() -> ExistingCluster.connect(kubeconfig("https://127.0.0.1:1"), "prod"))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("Context 'prod' is not in the kubeconfig")
        .hasMessageContaining("[ci, other]");
  }

  @Test
  void a_cluster_that_refuses_the_connection_is_reported_as_connection_refused_at_once()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path file = kubeconfig("https://127.0.0.1:" + port);
    long start = System.nanoTime();

    assertThatThrownBy(() -> ExistingCluster.connect(file, null))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith(
            "The Kubernetes API server https://127.0.0.1:"
                + port
                + "/ (from "
                + file
                + ")"
                + " refused the connection (connection refused): nothing listens at that address and port.")
        .hasMessageContaining("kubectl cluster-info");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }
}
