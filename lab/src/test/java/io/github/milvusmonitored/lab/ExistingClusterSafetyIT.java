package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.PrometheusRbacPatch;
import io.github.milvusmonitored.stack.RunOwnership;
import io.github.milvusmonitored.stack.StackProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab as someone else's cluster: what a user had before a start (a kubeconfig with another
 * current context, a {@code monitoring} namespace of their own, a {@code prometheus-k8s}
 * ClusterRole of their own, a Grafana, a metrics APIService) is as it was after the close, and
 * nothing the library labels as its own is left. Each start meets several of these at once, as a
 * user's cluster would have them.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExistingClusterSafetyIT {

  static final Map<String, String> MANAGED =
      Map.of(RunOwnership.MANAGED_BY_LABEL, RunOwnership.MANAGED_BY);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * A user's cluster with all of it at once: a kubeconfig whose current context is another cluster,
   * a {@code monitoring} namespace with a ConfigMap, an empty {@code milvus} namespace, and a
   * {@code prometheus-k8s} ClusterRole with rules of its own.
   */
  @Test
  void leaves_a_users_kubeconfig_namespaces_config_map_and_cluster_role_as_they_were(
      Lab lab, @TempDir Path dir) throws Exception {
    KubernetesClient admin = lab.client();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .withLabels(Map.of("team", "observability"))
                .endMetadata()
                .build())
        .create();
    admin
        .configMaps()
        .inNamespace("monitoring")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("team-notes")
                .withLabels(Map.of("team", "observability"))
                .endMetadata()
                .withData(
                    Map.of("owner", "observability team", "oncall.yaml", "rotation: weekly\n"))
                .build())
        .create();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(Map.of("team", "search"))
                .endMetadata()
                .build())
        .create();
    admin
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s")
                .withLabels(Map.of("team", "platform"))
                .withAnnotations(Map.of("owner", "platform team"))
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("nodes/metrics")
                        .withVerbs("get")
                        .build(),
                    new PolicyRuleBuilder()
                        .withNonResourceURLs("/metrics", "/metrics/slis")
                        .withVerbs("get")
                        .build(),
                    // half of the patch's first rule: the patch still adds its whole rule, and
                    // takes only that out again
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("services")
                        .withVerbs("get", "list", "watch")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withVerbs("get")
                        .build())
                .build())
        .create();
    awaitNamespaceInitialised(admin, "monitoring");
    awaitNamespaceInitialised(admin, "milvus");
    ObjectState monitoring = ObjectState.of(admin, "v1", "Namespace", null, "monitoring", "spec");
    ObjectState notes =
        ObjectState.of(admin, "v1", "ConfigMap", "monitoring", "team-notes", "data");
    ObjectState milvus = ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec");
    ObjectState role =
        ObjectState.of(
            admin,
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            null,
            "prometheus-k8s",
            "rules",
            "aggregationRule");

    try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // The current context points here: an address that serves no API server. Every connection is
      // counted.
      AtomicInteger connections = new AtomicInteger();
      Thread counter =
          new Thread(
              () -> {
                while (!elsewhere.isClosed()) {
                  try (Socket s = elsewhere.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "elsewhere-counter");
      counter.setDaemon(true);
      counter.start();
      Path kubeconfig =
          twoContexts(lab.kubeconfig(), dir.resolve("config"), elsewhere.getLocalPort());
      byte[] kubeconfigBefore = Files.readAllBytes(kubeconfig);
      FileTime modifiedBefore = Files.getLastModifiedTime(kubeconfig);
      Set<String> privateFilesBefore = privateFiles();
      ClusterSnapshot before = ClusterSnapshot.of(admin);

      try (CapturedLog log = CapturedLog.start();
          MonitoredEnvironment env =
              MonitoredEnvironments.start(
                  LabConfigs.environment(lab, "safety-users-cluster")
                      .withCluster(new ClusterChoice.Existing(kubeconfig, "lab")))) {
        // The run's ClusterRoleBinding binds the user's role: the target is UP only because the
        // patch went into it.
        TargetStatus status = env.milvusMetrics().targetStatus();
        assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);
        assertThat(env.kubernetesClient().getMasterUrl().toString())
            .startsWith(LabKubeconfig.server());
        // The Helm release is in the lab: Helm read the chosen context, not the current one.
        assertThat(
                admin.secrets().inNamespace("milvus").withLabel("owner", "helm").list().getItems())
            .isNotEmpty();
        assertThat(log.text())
            .contains(
                "Namespace monitoring exists already (not milvus-monitored's): left as it is");
        assertThat(
                PrometheusRbacPatch.missingRules(
                    admin.rbac().clusterRoles().withName("prometheus-k8s").get()))
            .isEmpty();
        assertThat(
                admin.rbac().clusterRoles().withName("prometheus-k8s").get().getMetadata().getUid())
            .isEqualTo(role.uid());
      }

      assertThat(connections.get()).as("connections to the current context's server").isZero();
      assertThat(Files.readAllBytes(kubeconfig))
          .as("the user's kubeconfig")
          .isEqualTo(kubeconfigBefore);
      assertThat(Files.getLastModifiedTime(kubeconfig)).isEqualTo(modifiedBefore);
      assertThat(privateFiles())
          .as("private kubeconfigs and Helm workspaces left in java.io.tmpdir")
          .isEqualTo(privateFilesBefore);
      assertLeftAsFound(admin, before);
    }
    assertThat(ObjectState.of(admin, "v1", "Namespace", null, "monitoring", "spec"))
        .isEqualTo(monitoring);
    assertThat(ObjectState.of(admin, "v1", "ConfigMap", "monitoring", "team-notes", "data"))
        .isEqualTo(notes);
    assertThat(ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec")).isEqualTo(milvus);
    assertThat(
            ObjectState.of(
                    admin,
                    "rbac.authorization.k8s.io/v1",
                    "ClusterRole",
                    null,
                    "prometheus-k8s",
                    "rules",
                    "aggregationRule")
                .ignoringResourceVersion())
        .isEqualTo(role.ignoringResourceVersion());
  }

  /**
   * FULL on a cluster with a user's Grafana in their {@code monitoring} namespace and a
   * metrics-server's APIService whose Service is gone: Milvus's dashboard is not imported into that
   * Grafana, prometheus-adapter's APIService is skipped, and both are as they were after the close.
   */
  @Test
  void full_profile_leaves_a_users_grafana_and_metrics_api_service_alone(
      Lab lab, @TempDir Path home) {
    KubernetesClient admin = lab.client();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .withLabels(Map.of("team", "observability"))
                .endMetadata()
                .build())
        .create();
    Map<String, String> labels = Map.of("app", "grafana", "team", "observability");
    admin
        .apps()
        .deployments()
        .inNamespace("monitoring")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("grafana")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("grafana")
                .withImage("grafana/grafana:12.0.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    // A metrics-server's APIService; no Service answers for it here, as where metrics-server was
    // removed without it.
    GenericKubernetesResource metricsApi =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("apiregistration.k8s.io/v1")
            .withKind("APIService")
            .withNewMetadata()
            .withName("v1beta1.metrics.k8s.io")
            .withLabels(Map.of("k8s-app", "metrics-server"))
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                new LinkedHashMap<>(
                    Map.of(
                        "service",
                        Map.of("name", "metrics-server", "namespace", "kube-system", "port", 443),
                        "group",
                        "metrics.k8s.io",
                        "version",
                        "v1beta1",
                        "insecureSkipTLSVerify",
                        true,
                        "groupPriorityMinimum",
                        100,
                        "versionPriority",
                        100)))
            .build();
    admin
        .genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
        .resource(metricsApi)
        .create();
    awaitNamespaceInitialised(admin, "monitoring");
    RbacSymptomIT.awaitTrue(
        java.time.Duration.ofSeconds(60),
        () -> {
          var d = admin.apps().deployments().inNamespace("monitoring").withName("grafana").get();
          return d.getStatus() != null
              && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas());
        });
    ObjectState grafana =
        ObjectState.of(admin, "apps/v1", "Deployment", "monitoring", "grafana", "spec");
    String userHome = System.getProperty("user.home");
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    try {
      ObjectState apiService =
          ObjectState.of(
              admin,
              "apiregistration.k8s.io/v1",
              "APIService",
              null,
              "v1beta1.metrics.k8s.io",
              "spec");
      // FULL imports Milvus's dashboard into Grafana; the lab has no network, so it is read from
      // the cache.
      offlineDashboard(home);
      System.setProperty("user.home", home.toString());

      try (CapturedLog log = CapturedLog.start();
          MonitoredEnvironment env =
              MonitoredEnvironments.start(
                  LabConfigs.environment(lab, "safety-full").withStackProfile(StackProfile.FULL))) {
        System.setProperty("user.home", userHome);
        // FULL runs two Prometheus replicas behind one Service: the one asked now may not have
        // scraped yet.
        TargetStatus status =
            env.milvusMetrics().awaitTargetUp(LabConfigs.SCRAPE_INTERVAL.multipliedBy(4));
        assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);
        assertThat(
                admin
                    .apps()
                    .deployments()
                    .inNamespace("monitoring")
                    .withName("prometheus-adapter")
                    .get())
            .as("FULL installs prometheus-adapter")
            .isNotNull();
        assertThat(
                ObjectState.of(
                    admin,
                    "apiregistration.k8s.io/v1",
                    "APIService",
                    null,
                    "v1beta1.metrics.k8s.io",
                    "spec"))
            .isEqualTo(apiService);
        assertThat(log.text())
            .contains(
                "kube-prometheus: APIService v1beta1.metrics.k8s.io exists already (by Service"
                    + " kube-system/metrics-server, Available=False (ServiceNotFound)); prometheus-adapter's APIService is"
                    + " skipped and the existing one left alone");
        assertThat(log.text())
            .contains(
                "Grafana: Deployment monitoring/grafana was there before this run and is left"
                    + " as it is: Milvus's dashboard is not imported into it");
        assertThat(
                admin
                    .configMaps()
                    .inNamespace("monitoring")
                    .withName("grafana-dashboard-milvus")
                    .get())
            .isNull();
        assertThat(
                ObjectState.of(admin, "apps/v1", "Deployment", "monitoring", "grafana", "spec")
                    .ignoringResourceVersion())
            .isEqualTo(grafana.ignoringResourceVersion());
      } finally {
        System.setProperty("user.home", userHome);
      }

      assertThat(
              ObjectState.of(
                  admin,
                  "apiregistration.k8s.io/v1",
                  "APIService",
                  null,
                  "v1beta1.metrics.k8s.io",
                  "spec"))
          .isEqualTo(apiService);
    } finally {
      // An APIService that is not Available keeps every namespace deletion waiting (discovery fails
      // for its
      // group): the run's namespaces finish terminating only once it is gone.
      admin
          .genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
          .withName("v1beta1.metrics.k8s.io")
          .delete();
    }
    String userApiService = "apiregistration.k8s.io/APIService v1beta1.metrics.k8s.io";
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    ClusterSnapshot after = ClusterSnapshot.of(admin);
    while (System.nanoTime() < deadline
        && !(before.added(after).isEmpty()
            && before.removed(after).equals(Set.of(userApiService)))) {
      LabProcess.sleep(java.time.Duration.ofSeconds(1));
      after = ClusterSnapshot.of(admin);
    }
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("removed: only the APIService the test deleted")
        .containsExactly(userApiService);
    assertThat(ClusterSnapshot.of(admin, MANAGED).objects())
        .as("objects labelled as milvus-monitored's")
        .isEmpty();
    assertThat(
            ObjectState.of(admin, "apps/v1", "Deployment", "monitoring", "grafana", "spec")
                .ignoringResourceVersion())
        .isEqualTo(grafana.ignoringResourceVersion());
  }

  /**
   * Nothing added or removed (namespaces given a minute to finish terminating), nothing labelled as
   * ours left.
   */
  static void assertLeftAsFound(KubernetesClient admin, ClusterSnapshot before) {
    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
    assertThat(ClusterSnapshot.of(admin, MANAGED).objects())
        .as("objects labelled as milvus-monitored's")
        .isEmpty();
  }

  /**
   * A new namespace gets its ServiceAccount and root CA ConfigMap from controllers; waits for both.
   */
  static void awaitNamespaceInitialised(KubernetesClient admin, String namespace) {
    RbacSymptomIT.awaitTrue(
        java.time.Duration.ofSeconds(30),
        () ->
            admin.serviceAccounts().inNamespace(namespace).withName("default").get() != null
                && admin.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get()
                    != null);
  }

  /**
   * The lab's kubeconfig with a second context, made current, whose server is {@code port} on
   * loopback.
   */
  private static Path twoContexts(Path labKubeconfig, Path file, int port) throws IOException {
    Map<String, Object> tree =
        YAML.readValue(
            labKubeconfig.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    add(
        tree,
        "clusters",
        Map.of(
            "name",
            "elsewhere",
            "cluster",
            Map.of("server", "https://127.0.0.1:" + port, "insecure-skip-tls-verify", true)));
    add(
        tree,
        "users",
        Map.of("name", "elsewhere-user", "user", Map.of("token", "a-token-of-elsewhere")));
    add(
        tree,
        "contexts",
        Map.of(
            "name",
            "elsewhere",
            "context",
            Map.of("cluster", "elsewhere", "user", "elsewhere-user", "namespace", "default")));
    tree.put("current-context", "elsewhere");
    YAML.writeValue(file.toFile(), tree);
    return file;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> tree, String list, Map<String, Object> entry) {
    List<Object> entries = new ArrayList<>((List<Object>) tree.get(list));
    entries.add(entry);
    tree.put(list, entries);
  }

  /** The library's private kubeconfig files and Helm workspaces of this JVM in java.io.tmpdir. */
  private static Set<String> privateFiles() throws IOException {
    long pid = ProcessHandle.current().pid();
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.startsWith("milvus-monitored-existing-" + pid + "-")
                      || n.startsWith("milvus-helm-" + pid + "-"))
          .collect(Collectors.toSet());
    }
  }

  /** A small Grafana dashboard where the library caches Milvus's, under {@code home}. */
  private static void offlineDashboard(Path home) {
    try {
      Path file =
          home.resolve(
              ".cache/milvus-monitored/milvus-dashboard/"
                  + MilvusReleaseConfig.DEFAULT_IMAGE_TAG
                  + "/milvus-dashboard.json");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          """
          {"title": "Milvus (lab)", "uid": "milvus-lab", "panels": [
            {"id": 1, "title": "Build info", "type": "stat",
             "targets": [{"expr": "milvus_build_info{namespace=\\"$namespace\\"}"}]}],
           "templating": {"list": [{"name": "namespace", "type": "query", "query": "label_values(namespace)"}]}}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
