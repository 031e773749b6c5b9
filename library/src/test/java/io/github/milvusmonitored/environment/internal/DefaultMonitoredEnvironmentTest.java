package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.milvusmonitored.access.ServiceProxyTransport;
import io.github.milvusmonitored.cluster.ExistingCluster;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.stack.RunOwnership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On an existing cluster, closing removes exactly what the run created, unless told to keep it. */
@EnableKubernetesMockClient(crud = true)
class DefaultMonitoredEnvironmentTest {

  private static final RunOwnership RUN = new RunOwnership("run-1");

  // Other builds share the temp folder: only this JVM's files count.
  private static final String OWN_HELM = "milvus-helm-" + ProcessHandle.current().pid() + "-";
  private static final String OWN_KUBECONFIG =
      "milvus-monitored-existing-" + ProcessHandle.current().pid() + "-";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;

  private Path kubeconfig;

  @BeforeEach
  void kubeconfig() throws Exception {
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("35").withGitVersion("v1.35.0").build());
    kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: %s, insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """
            .formatted(client.getMasterUrl()));
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("users-own").endMetadata().build())
        .create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(RUN.labels())
                .endMetadata()
                .build())
        .create();
  }

  private DefaultMonitoredEnvironment environment(EnvironmentConfig config) {
    ExistingCluster cluster = ExistingCluster.connect(kubeconfig, null);
    InstalledParts parts = new InstalledParts();
    parts.namespaceCreated(cluster.client(), "milvus", RUN);
    PrometheusClient prometheus = ServiceProxyTransport.prometheus(cluster.client());
    return new DefaultMonitoredEnvironment(
        config,
        cluster,
        MilvusHelmRelease.create(config.milvus()),
        prometheus,
        MilvusMetrics.of(prometheus, MilvusSelector.of("milvus", "my-release")),
        parts,
        new PhaseClock(),
        RUN);
  }

  private EnvironmentConfig config() {
    return EnvironmentConfig.defaults()
        .withCluster(ClusterChoice.existing(kubeconfig))
        .withReportDirectory(dir);
  }

  @Test
  void closing_removes_what_the_run_created_and_nothing_else() throws Exception {
    Set<String> tmpBefore = tempEntries();
    DefaultMonitoredEnvironment env = environment(config());
    Path privateKubeconfig = env.kubeconfigFile();

    env.close();

    assertThat(privateKubeconfig).doesNotExist();
    assertThat(tempEntries())
        .as("Helm workspace and kubeconfig files in the temp folder")
        .isEqualTo(tmpBefore);
    assertThat(client.namespaces().withName("milvus").get()).isNull();
    assertThat(client.namespaces().withName("users-own").get()).isNotNull();
    assertThatThrownBy(env::milvusEndpoint).hasMessageContaining("closed");
  }

  private static Set<String> tempEntries() throws Exception {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(OWN_HELM) || n.startsWith(OWN_KUBECONFIG))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void keep_installed_leaves_everything_in_place() {
    DefaultMonitoredEnvironment env = environment(config().withKeepInstalled(true));

    env.close();
    env.close();

    assertThat(client.namespaces().withName("milvus").get()).isNotNull();
  }

  @Test
  void grafana_is_offered_only_with_the_full_stack() {
    try (DefaultMonitoredEnvironment env = environment(config().withKeepInstalled(true))) {
      assertThat(env.grafanaUrl()).isEmpty();
      assertThat(env.prometheus().baseUri().getPath())
          .isEqualTo("/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy/");
    }
  }

  @Test
  void diagnostics_are_written_even_when_nothing_answers() {
    try (DefaultMonitoredEnvironment env = environment(config().withKeepInstalled(true))) {
      Path folder = env.writeDiagnostics(dir.resolve("diag"));
      assertThat(folder.resolve("summary.md")).exists();
      assertThat(folder.resolve("pods.txt")).exists();
    }
  }
}
