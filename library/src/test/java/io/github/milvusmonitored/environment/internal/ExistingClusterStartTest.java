package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.ResourceApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start on an existing cluster (the mock server in CRUD mode): refusals happen before anything
 * changes, and a failed start leaves every pre-existing object as it was and nothing of the run.
 * The mock has no server-side apply, so the stack is applied with create-or-replace here.
 */
@EnableKubernetesMockClient(crud = true)
class ExistingClusterStartTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  // Other builds share the temp folder: only this JVM's files count.
  private static final String OWN_HELM = "milvus-helm-" + ProcessHandle.current().pid() + "-";
  private static final String OWN_KUBECONFIG =
      "milvus-monitored-existing-" + ProcessHandle.current().pid() + "-";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;

  private Path kubeconfig;
  private Set<String> tmpBefore;
  private final AtomicBoolean establishing = new AtomicBoolean(true);

  @BeforeEach
  void cluster() throws Exception {
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("35").withGitVersion("v1.35.0").build());
    kubeconfig =
        Files.writeString(
            dir.resolve("config"),
            """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: lab, context: {cluster: c, user: u}}]
        current-context: lab
        """
                .formatted(client.getMasterUrl()));
    tmpBefore = ourTempEntries();
  }

  @AfterEach
  void stop() {
    establishing.set(false);
  }

  private EnvironmentConfig config() throws Exception {
    Path chart =
        Path.of(getClass().getResource("/milvus-chart-fixture/Chart.yaml").toURI()).getParent();
    return EnvironmentConfig.defaults()
        .withCluster(new ClusterChoice.Existing(kubeconfig, "lab"))
        .withReportDirectory(dir.resolve("report"))
        .withPreloadImages(false)
        .withStackReadyTimeout(Duration.ofSeconds(2))
        .withMilvus(
            MilvusReleaseConfig.builder()
                .withLocalChart(chart)
                .withReadyTimeout(Duration.ofSeconds(3))
                .build());
  }

  private static KubePrometheusManifests fixtureManifests() throws Exception {
    Path root =
        Path.of(ExistingClusterStartTest.class.getResource("/kube-prometheus-fixture").toURI());
    return KubePrometheusManifests.builder()
        .withSource(ManifestSource.directory(root))
        .withChecksums(
            ManifestChecksums.parse("fixture", Files.readString(root.resolve("manifests.sha256"))))
        .load();
  }

  private DefaultMonitoredEnvironment start(EnvironmentConfig config) throws Exception {
    return EnvironmentStarter.start(
        config, fixtureManifests(), ResourceApplier.CREATE_OR_REPLACE, new PhaseClock());
  }

  /** What the system temp folder holds of this library's and Helm's working files. */
  private static Set<String> ourTempEntries() throws Exception {
    try (Stream<Path> entries = Files.list(TMP)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(OWN_HELM) || n.startsWith(OWN_KUBECONFIG))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void another_stack_stops_the_start_before_anything_changes() throws Exception {
    CustomResourceDefinition foreign =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .resource(
                new CustomResourceDefinitionBuilder()
                    .withNewMetadata()
                    .withName("servicemonitors.monitoring.coreos.com")
                    .addToAnnotations("meta.helm.sh/release-name", "kps")
                    .addToAnnotations("meta.helm.sh/release-namespace", "obs")
                    .endMetadata()
                    .withNewSpec()
                    .withGroup("monitoring.coreos.com")
                    .withScope("Namespaced")
                    .withNewNames()
                    .withKind("ServiceMonitor")
                    .withPlural("servicemonitors")
                    .endNames()
                    .addNewVersion()
                    .withName("v1")
                    .withServed(true)
                    .withStorage(true)
                    .endVersion()
                    .endSpec()
                    .build())
            .create();

    assertThatThrownBy(() -> start(config()))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "phase 'CRDs Established' failed: Another Prometheus stack is in this cluster:\n"
                + "  CustomResourceDefinition servicemonitors.monitoring.coreos.com (Helm release obs/kps)\n"
                + "Nothing was changed");

    assertThat(client.namespaces().list().getItems()).isEmpty();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .singleElement()
        .satisfies(crd -> assertThat(crd.getMetadata()).isEqualTo(foreign.getMetadata()));
    assertThat(ourTempEntries()).isEqualTo(tmpBefore);
  }

  @Test
  void a_users_release_of_the_same_name_is_neither_upgraded_nor_removed() throws Exception {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("milvus").endMetadata().build())
        .create();
    client
        .secrets()
        .inNamespace("milvus")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1.my-release.v3")
                .withNamespace("milvus")
                .addToLabels(
                    Map.of(
                        "owner",
                        "helm",
                        "name",
                        "my-release",
                        "status",
                        "deployed",
                        "version",
                        "3"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .addToData("release", "e30=")
                .build())
        .create();

    assertThatThrownBy(() -> start(config()))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "Helm release 'my-release' already exists in namespace 'milvus' (revision 3, deployed)"
                + " and that namespace was not created by milvus-monitored. Nothing was changed: installing would upgrade"
                + " that release with test values, and closing would uninstall it. Choose another namespace or release"
                + " name (MilvusReleaseConfig.builder().withNamespace(..) or .withReleaseName(..)), or run on a dedicated"
                + " cluster (the default k3s).");

    assertThat(client.namespaces().list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("milvus");
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    assertThat(
            client
                .secrets()
                .inNamespace("milvus")
                .withName("sh.helm.release.v1.my-release.v3")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("status", "deployed");
    assertThat(ourTempEntries()).isEqualTo(tmpBefore);
  }

  @Test
  void a_failed_start_leaves_what_existed_and_removes_all_the_run_created() throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace("monitoring")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("loki")
                .endMetadata()
                .addToData("loki.yaml", "auth_enabled: false")
                .build())
        .create();
    ClusterRole role =
        client
            .rbac()
            .clusterRoles()
            .resource(
                new ClusterRoleBuilder()
                    .withNewMetadata()
                    .withName("prometheus-k8s")
                    .endMetadata()
                    .addNewRule()
                    .withApiGroups("")
                    .withResources("nodes/metrics")
                    .withVerbs("get")
                    .endRule()
                    .build())
            .create();
    Thread apiServer = new Thread(this::establishCrds);
    apiServer.setDaemon(true);
    apiServer.start();

    // No controllers run on the mock: the operator never becomes available and the start fails.
    assertThatThrownBy(() -> start(config()))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining("What this run installed was removed");

    assertThat(client.configMaps().inNamespace("monitoring").withName("loki").get().getData())
        .containsEntry("loki.yaml", "auth_enabled: false");
    assertThat(client.namespaces().withName("monitoring").get().getMetadata().getLabels())
        .isNullOrEmpty();
    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get().getRules())
        .isEqualTo(role.getRules());
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.namespaces().withName("milvus").get()).isNull();
    assertThat(ourTempEntries()).isEqualTo(tmpBefore);
  }

  @Test
  void a_release_an_interrupted_run_left_pending_upgrade_is_marked_failed_and_kept()
      throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(new io.github.milvusmonitored.stack.RunOwnership("earlier").labels())
                .endMetadata()
                .build())
        .create();
    Map<String, Object> record =
        Map.of("name", "my-release", "version", 2, "info", Map.of("status", "pending-upgrade"));
    client
        .secrets()
        .inNamespace("milvus")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1.my-release.v2")
                .withNamespace("milvus")
                .addToLabels(
                    Map.of(
                        "owner",
                        "helm",
                        "name",
                        "my-release",
                        "status",
                        "pending-upgrade",
                        "version",
                        "2"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .addToData(
                    "release",
                    java.util.Base64.getEncoder()
                        .encodeToString(
                            java.util.Base64.getEncoder()
                                .encode(
                                    new com.fasterxml.jackson.databind.ObjectMapper()
                                        .writeValueAsBytes(record))))
                .build())
        .create();
    Thread apiServer = new Thread(this::establishCrds);
    apiServer.setDaemon(true);
    apiServer.start();

    assertThatThrownBy(() -> start(config())).isInstanceOf(EnvironmentStartException.class);

    assertThat(
            client
                .secrets()
                .inNamespace("milvus")
                .withName("sh.helm.release.v1.my-release.v2")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("status", "failed");
    assertThat(client.namespaces().withName("milvus").get())
        .as("an earlier run's namespace is not this run's to delete")
        .isNotNull();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    assertThat(ourTempEntries()).isEqualTo(tmpBefore);
  }

  @Test
  void
      a_healthy_kube_prometheus_that_would_not_scrape_milvus_stops_the_start_before_anything_changes()
          throws Exception {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("servicemonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Established")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("monitoring")
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata()
                .withName("prometheus-operator")
                .withNamespace("monitoring")
                .endMetadata()
                .withNewStatus()
                .withAvailableReplicas(1)
                .endStatus()
                .build())
        .create();
    client
        .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
        .inNamespace("monitoring")
        .resource(
            new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("Prometheus")
                .withNewMetadata()
                .withName("k8s")
                .withNamespace("monitoring")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "serviceMonitorSelector",
                        Map.of("matchLabels", Map.of("team", "obs")),
                        "serviceMonitorNamespaceSelector",
                        Map.of()))
                .build())
        .create();

    assertThatThrownBy(() -> start(config()))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "The kube-prometheus already in this cluster is used as it is, but its Prometheus"
                + " monitoring/k8s would not scrape Milvus: serviceMonitorSelector {matchLabels={team=obs}} does not match"
                + " the ServiceMonitor's labels {")
        .hasMessageContaining(
            "(ServiceMonitor milvus/my-release-milvus-standalone). Nothing was changed.");

    assertThat(client.namespaces().withName("milvus").get()).isNull();
    assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
    assertThat(ourTempEntries()).isEqualTo(tmpBefore);
  }

  @Test
  void no_right_to_read_helms_records_fails_at_once_with_the_verb_and_the_command()
      throws Exception {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/milvus/secrets?labelSelector=owner%3Dhelm%2Cname%3Dmy-release")
        .andReturn(
            403,
            new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(403)
                .withMessage(
                    "secrets is forbidden: User \"dev\" cannot list resource \"secrets\" in the namespace \"milvus\"")
                .build())
        .always();

    assertThatThrownBy(() -> start(config()))
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "The cluster forbade 'list' on secrets in namespace 'milvus' (HTTP 403: secrets is"
                + " forbidden: User \"dev\" cannot list resource \"secrets\" in the namespace \"milvus\").")
        .hasMessageContaining("kubectl auth can-i list secrets -n milvus");
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
  }

  private void establishCrds() {
    List<String> names =
        List.of(
            "alertmanagers.monitoring.coreos.com",
            "prometheuses.monitoring.coreos.com",
            "servicemonitors.monitoring.coreos.com");
    while (establishing.get()) {
      for (String name : names) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        if (crd != null && crd.getStatus() == null) {
          crd.setStatus(
              new CustomResourceDefinitionStatusBuilder()
                  .withConditions(
                      new CustomResourceDefinitionConditionBuilder()
                          .withType("Established")
                          .withStatus("True")
                          .build())
                  .build());
          try {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
          } catch (RuntimeException ignored) {
            // deleted meanwhile by the cleanup
          }
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
