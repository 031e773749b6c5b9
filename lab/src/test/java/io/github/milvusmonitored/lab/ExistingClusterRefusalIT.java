package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.lab.ExistingClusterSafetyIT.MANAGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.ResourceApplier;
import io.github.milvusmonitored.stack.RunOwnership;
import io.github.milvusmonitored.stack.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the library finds on someone else's cluster and refuses, or recovers: another Prometheus
 * stack (CRDs applied by Helm's field manager and an operator in another namespace), a same-named
 * Helm release it did not install, and releases an earlier, killed run left pending-install or
 * pending-upgrade.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExistingClusterRefusalIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RunOwnership EARLIER_RUN = new RunOwnership("0123456789ab");
  private static final String OPERATOR_IMAGE =
      "quay.io/prometheus-operator/prometheus-operator:v0.92.0";

  @Test
  void refuses_another_prometheus_stack_before_changing_anything(Lab lab) {
    KubernetesClient admin = lab.client();
    // As kube-prometheus-stack installs them: the CRDs applied server-side with field manager
    // "helm".
    List<String> crds = applyCrds(admin, "helm", r -> r);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("observability")
                .endMetadata()
                .build())
        .create();
    Map<String, String> operatorLabels =
        Map.of("app", "kube-prometheus-stack-operator", "release", "obs");
    admin
        .apps()
        .deployments()
        .inNamespace("observability")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("obs-kube-prometheus-stack-operator")
                .withLabels(operatorLabels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(operatorLabels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(operatorLabels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("kube-prometheus-stack")
                .withImage(OPERATOR_IMAGE)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    ExistingClusterSafetyIT.awaitNamespaceInitialised(admin, "observability");
    Map<String, ObjectState> crdStates = new LinkedHashMap<>();
    for (String crd : crds) {
      crdStates.put(
          crd,
          ObjectState.of(
              admin, "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, crd, "spec"));
    }
    ObjectState operator =
        ObjectState.of(
            admin,
            "apps/v1",
            "Deployment",
            "observability",
            "obs-kube-prometheus-stack-operator",
            "spec");
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    assertThatThrownBy(
            () ->
                MonitoredEnvironments.start(LabConfigs.environment(lab, "refuse-other-stack"))
                    .close())
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining("Another Prometheus stack is in this cluster")
        .hasMessageContaining(
            "CustomResourceDefinition prometheuses.monitoring.coreos.com (field managers [helm")
        .hasMessageContaining(
            "CustomResourceDefinition servicemonitors.monitoring.coreos.com (field managers [helm")
        .hasMessageContaining(
            "Deployment observability/obs-kube-prometheus-stack-operator runs a Prometheus operator ("
                + OPERATOR_IMAGE
                + ")")
        .hasMessageContaining("Nothing was changed")
        .hasMessageContaining("Ways forward: use that stack as it is (stack=existing: ")
        .hasMessageContaining("run on a dedicated cluster")
        .hasMessageContaining("remove the other stack if it is a leftover");

    ExistingClusterSafetyIT.assertLeftAsFound(admin, before);
    for (String crd : crds) {
      assertThat(
              ObjectState.of(
                  admin, "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, crd, "spec"))
          .isEqualTo(crdStates.get(crd));
    }
    assertThat(
            ObjectState.of(
                    admin,
                    "apps/v1",
                    "Deployment",
                    "observability",
                    "obs-kube-prometheus-stack-operator",
                    "spec")
                .ignoringResourceVersion())
        .isEqualTo(operator.ignoringResourceVersion());
  }

  @Test
  void refuses_a_same_named_release_it_did_not_install_and_leaves_it_untouched(
      Lab lab, @TempDir Path dir) throws IOException {
    KubernetesClient admin = lab.client();
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("milvus").endMetadata().build())
        .create();
    Path values =
        Files.writeString(
            dir.resolve("values.yaml"),
            """
        cluster:
          enabled: false
        pulsarv3:
          enabled: false
        etcd:
          replicaCount: 1
        minio:
          mode: standalone
        """);
    new Helm(LabConfigs.chart())
        .install()
        .withName("my-release")
        .withNamespace("milvus")
        .withValuesFile(values)
        .withKubeConfig(lab.kubeconfig())
        .withRepositoryConfig(repositories(dir))
        .call();
    ExistingClusterSafetyIT.awaitNamespaceInitialised(admin, "milvus");
    ObjectState record =
        ObjectState.of(admin, "v1", "Secret", "milvus", "sh.helm.release.v1.my-release.v1", "data");
    ObjectState standalone =
        ObjectState.of(
            admin, "apps/v1", "Deployment", "milvus", "my-release-milvus-standalone", "spec");
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    assertThatThrownBy(
            () ->
                MonitoredEnvironments.start(LabConfigs.environment(lab, "refuse-release")).close())
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "Helm release 'my-release' already exists in namespace 'milvus' (revision 1, deployed)"
                + " and that namespace was not created by milvus-monitored")
        .hasMessageContaining("Nothing was changed")
        .hasMessageContaining("withNamespace(..)");

    ExistingClusterSafetyIT.assertLeftAsFound(admin, before);
    assertThat(
            ObjectState.of(
                admin, "v1", "Secret", "milvus", "sh.helm.release.v1.my-release.v1", "data"))
        .isEqualTo(record);
    assertThat(
            ObjectState.of(
                    admin,
                    "apps/v1",
                    "Deployment",
                    "milvus",
                    "my-release-milvus-standalone",
                    "spec")
                .ignoringResourceVersion())
        .isEqualTo(standalone.ignoringResourceVersion());
    assertThat(admin.secrets().inNamespace("milvus").withLabel("owner", "helm").list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("sh.helm.release.v1.my-release.v1");
  }

  @Test
  void uninstalls_a_release_a_killed_run_left_pending_install_and_says_so(Lab lab) {
    KubernetesClient admin = lab.client();
    earlierRunsNamespace(admin);
    try (MilvusHelmRelease earlier = MilvusHelmRelease.create(LabConfigs.milvus().build())) {
      earlier.install(lab.kubeconfig());
    }
    // What a run killed during Helm's wait leaves: the resources there, the only revision
    // pending-install.
    setStatus(admin, "sh.helm.release.v1.my-release.v1", "pending-install");
    ObjectState namespace = ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec");
    ClusterSnapshot managedBefore = ClusterSnapshot.of(admin, MANAGED);

    try (CapturedLog log = CapturedLog.start()) {
      try (MonitoredEnvironment env =
          MonitoredEnvironments.start(LabConfigs.environment(lab, "pending-install"))) {
        assertThat(env.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
        assertThat(log.text())
            .contains(
                "[milvus] release milvus/my-release was left pending-install by an interrupted"
                    + " run: uninstalling it before installing again");
        assertThat(status(admin, "sh.helm.release.v1.my-release.v1")).isEqualTo("deployed");
      }
    }

    // This run installed the release again, so its close uninstalled it; the earlier run's
    // namespace stays.
    assertThat(admin.secrets().inNamespace("milvus").withLabel("owner", "helm").list().getItems())
        .isEmpty();
    assertThat(ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec"))
        .isEqualTo(namespace);
    awaitManagedObjects(admin, managedBefore);
  }

  @Test
  void marks_failed_a_revision_a_killed_run_left_pending_upgrade_and_upgrades(Lab lab) {
    KubernetesClient admin = lab.client();
    earlierRunsNamespace(admin);
    try (MilvusHelmRelease earlier = MilvusHelmRelease.create(LabConfigs.milvus().build())) {
      earlier.install(lab.kubeconfig());
      earlier.install(lab.kubeconfig());
    }
    // What a run killed during an upgrade's wait leaves: revision 1 still deployed, revision 2
    // pending-upgrade.
    setStatus(admin, "sh.helm.release.v1.my-release.v1", "deployed");
    setStatus(admin, "sh.helm.release.v1.my-release.v2", "pending-upgrade");
    ObjectState namespace = ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec");
    ClusterSnapshot managedBefore = ClusterSnapshot.of(admin, MANAGED);

    String runId;
    try (CapturedLog log = CapturedLog.start()) {
      try (MonitoredEnvironment env =
          MonitoredEnvironments.start(LabConfigs.environment(lab, "pending-upgrade"))) {
        assertThat(env.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
        runId = log.runId();
        assertThat(log.text())
            .contains(
                "[milvus] release milvus/my-release revision 2 was left pending-upgrade by an"
                    + " interrupted run: marked it failed");
        assertThat(status(admin, "sh.helm.release.v1.my-release.v3")).isEqualTo("deployed");
      }
    }

    // Not this run's release (an earlier run installed it): upgraded, never uninstalled.
    assertThat(status(admin, "sh.helm.release.v1.my-release.v2")).isEqualTo("failed");
    assertThat(release(admin, "sh.helm.release.v1.my-release.v2"))
        .extractingByKey("info")
        .asString()
        .contains(
            "Left pending-upgrade by an interrupted run; marked failed by milvus-monitored run "
                + runId);
    assertThat(status(admin, "sh.helm.release.v1.my-release.v3")).isEqualTo("deployed");
    assertThat(ObjectState.of(admin, "v1", "Namespace", null, "milvus", "spec"))
        .isEqualTo(namespace);
    awaitManagedObjects(admin, managedBefore);
  }

  /**
   * kube-prometheus's CRDs, applied server-side by {@code fieldManager}, each Established; returns
   * their names.
   */
  private static List<String> applyCrds(
      KubernetesClient admin, String fieldManager, UnaryOperator<HasMetadata> edit) {
    List<String> crds = new ArrayList<>();
    KubePrometheusManifests manifests =
        KubePrometheusManifests.builder()
            .withSource(ManifestSource.archive(LabConfigs.manifests()))
            .load();
    for (ManifestFile file : manifests.setupFiles()) {
      for (HasMetadata r : KubePrometheusManifests.resources(file, StackProfile.MINIMAL)) {
        if ("CustomResourceDefinition".equals(r.getKind())) {
          admin
              .resource(edit.apply(r))
              .fieldManager(fieldManager)
              .forceConflicts()
              .serverSideApply();
          crds.add(r.getMetadata().getName());
        }
      }
    }
    for (String crd : crds) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd)
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              TimeUnit.SECONDS);
    }
    return crds;
  }

  /**
   * What an earlier run of the library that was killed leaves besides its release: namespace {@code
   * milvus} and kube-prometheus's CRDs, with its labels (another run id) and its field manager.
   */
  private static void earlierRunsNamespace(KubernetesClient admin) {
    applyCrds(admin, ResourceApplier.FIELD_MANAGER, EARLIER_RUN::stamp);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(EARLIER_RUN.labels())
                .endMetadata()
                .build())
        .create();
    ExistingClusterSafetyIT.awaitNamespaceInitialised(admin, "milvus");
  }

  /**
   * Waits until what is labelled as milvus-monitored's is what was before the start (the monitoring
   * namespace goes).
   */
  private static void awaitManagedObjects(KubernetesClient admin, ClusterSnapshot before) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline && !ClusterSnapshot.of(admin, MANAGED).equals(before)) {
      LabProcess.sleep(Duration.ofSeconds(1));
    }
    assertThat(ClusterSnapshot.of(admin, MANAGED).objects())
        .as("objects labelled as milvus-monitored's")
        .isEqualTo(before.objects());
  }

  private static Path repositories(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("repositories.yaml"), "apiVersion: \"\"\nrepositories: []\n");
  }

  private static String status(KubernetesClient admin, String secret) {
    Secret s = admin.secrets().inNamespace("milvus").withName(secret).get();
    assertThat(s).as("Helm record " + secret).isNotNull();
    return s.getMetadata().getLabels().get("status");
  }

  /**
   * Sets a Helm release record's status (its label and the release's info.status) as Helm itself
   * writes them.
   */
  @SuppressWarnings("unchecked")
  private static void setStatus(KubernetesClient admin, String secret, String status) {
    admin
        .secrets()
        .inNamespace("milvus")
        .withName(secret)
        .edit(
            s -> {
              Map<String, Object> release = decode(s.getData().get("release"));
              ((Map<String, Object>) release.get("info")).put("status", status);
              s.getData().put("release", encode(release));
              s.getMetadata().getLabels().put("status", status);
              return s;
            });
  }

  private static Map<String, Object> release(KubernetesClient admin, String secret) {
    return decode(
        admin.secrets().inNamespace("milvus").withName(secret).get().getData().get("release"));
  }

  // Helm's secrets driver: the Secret's value is base64 (as every Secret value) of base64 of
  // gzipped JSON.
  private static Map<String, Object> decode(String value) {
    try {
      byte[] gz =
          Base64.getDecoder()
              .decode(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        return JSON.readValue(
            in.readAllBytes(), new TypeReference<LinkedHashMap<String, Object>>() {});
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String encode(Map<String, Object> release) {
    try {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(JSON.writeValueAsBytes(release));
      }
      String helm = Base64.getEncoder().encodeToString(gz.toByteArray());
      return Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
