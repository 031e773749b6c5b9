package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.RequestStatus;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.Sample;
import io.github.milvusmonitored.prometheus.Targets;
import io.github.milvusmonitored.testing.MilvusTestExporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-pod and cluster profiles installed for real on the lab (standalone is {@link
 * FreshStartIT}): the pods the chart renders for the profile exist and are served (the one pod by
 * the lab's real Milvus 2.3.5, the cluster's components by the test exporter), the chart's
 * ServiceMonitor is picked up, every component is a target of its own and UP, each cluster pod's
 * exporter answers as its component (its own families, under its own {@code component} label, and
 * nowhere else), the proxy counts requests, a querynode failing its scrapes is reported DOWN by
 * name while the others stay UP; close() leaves the cluster as before.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ProfilesIT {

  private static final String NAMESPACE = "milvus";
  private static final String FULLNAME = "my-release-milvus";
  private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A family only that component's process exposes at startup (streamingnode has none: a segcore
   * family).
   */
  private static final Map<String, String> STARTUP_FAMILY =
      Map.of(
          "mixcoord", "milvus_rootcoord_proxy_num",
          "querynode", "milvus_querynode_disk_used_size",
          "datanode", "milvus_datanode_slot",
          "streamingnode", "internal_mmap_in_used_count");

  @Test
  void one_pod_runs_milvus_alone_with_embedded_etcd_and_is_scraped_as_standalone(Lab lab) {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "profile-one-pod")
                .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build()))) {
      List<Pod> pods = admin.pods().inNamespace(NAMESPACE).list().getItems();
      assertThat(pods)
          .as("pods of the one-pod profile: %s", names(pods))
          .singleElement()
          .satisfies(
              pod -> {
                assertThat(pod.getMetadata().getName()).startsWith(FULLNAME + "-standalone-");
                assertThat(pod.getMetadata().getLabels()).containsEntry("component", "standalone");
                assertThat(pod.getSpec().getContainers().get(0).getEnv())
                    .extracting(EnvVar::getName, EnvVar::getValue)
                    .contains(org.assertj.core.groups.Tuple.tuple("DEPLOY_MODE", "STANDALONE"));
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              });
      assertThat(admin.apps().statefulSets().inNamespace(NAMESPACE).list().getItems())
          .as("no etcd StatefulSet: Milvus runs its embedded etcd")
          .isEmpty();
      assertThat(names(admin.apps().deployments().inNamespace(NAMESPACE).list().getItems()))
          .as("no MinIO Deployment: Milvus stores on local disk")
          .containsExactly(FULLNAME + "-standalone");
      assertThat(admin.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()).isEmpty();
      assertThat(names(serviceMonitors(admin))).containsExactly(FULLNAME + "-standalone");

      MilvusMetrics milvus = env.milvusMetrics();
      assertAllUp(milvus, MilvusProfile.ONE_POD.components());
      assertThat(lab.milvusServers(NAMESPACE, Duration.ofSeconds(30)))
          .as("the real Milvus of the one pod")
          .containsOnlyKeys("standalone");

      // The real Milvus 2.3.5 registers a session per role; 2.6 merges the coordinators into
      // mixcoord.
      InstantVector roles =
          milvus.awaitSample(
              "count by (role_name) ("
                  + milvus.release().select("milvus_num_node", "component=\"standalone\"")
                  + ")",
              SAMPLE_TIMEOUT);
      assertThat(roles.samples())
          .extracting(s -> s.labels().get("role_name"))
          .as("a standalone runs every role")
          .containsExactlyInAnyOrder(
              "rootcoord",
              "datacoord",
              "querycoord",
              "proxy",
              "querynode",
              "datanode",
              "indexnode");
      for (String family :
          List.of(
              "milvus_rootcoord_proxy_num",
              "milvus_querycoord_querynode_num",
              "milvus_datacoord_datanode_num",
              "milvus_querynode_disk_used_size")) {
        assertThat(componentsOf(milvus, family)).as(family).containsExactly("standalone");
      }
    }

    assertLeftAsBefore(admin, before);
  }

  @Test
  void cluster_runs_five_components_each_scraped_as_its_own_target_answering_as_itself(Lab lab) {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    List<String> components = MilvusProfile.CLUSTER.components();

    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "profile-cluster")
                .withMilvus(
                    LabConfigs.milvus()
                        .withProfile(MilvusProfile.CLUSTER)
                        // The cluster profile's pods are the test exporter, shaped from Milvus
                        // 2.6.15's catalogue.
                        .withImageTag("v2.6.15")
                        .build()))) {
      List<Deployment> deployments =
          admin.apps().deployments().inNamespace(NAMESPACE).list().getItems();
      assertThat(names(deployments))
          .containsExactlyInAnyOrder(
              FULLNAME + "-mixcoord",
              FULLNAME + "-proxy",
              FULLNAME + "-querynode",
              FULLNAME + "-datanode",
              FULLNAME + "-streamingnode",
              "my-release-minio");
      assertThat(deployments)
          .allSatisfy(
              d ->
                  assertThat(d.getStatus().getReadyReplicas())
                      .as("ready replicas of %s", d.getMetadata().getName())
                      .isEqualTo(1));
      assertThat(names(admin.apps().statefulSets().inNamespace(NAMESPACE).list().getItems()))
          .containsExactly("my-release-etcd");
      List<Pod> pods = admin.pods().inNamespace(NAMESPACE).list().getItems();
      for (String component : components) {
        assertThat(pods)
            .as("a Running pod of %s among %s", component, names(pods))
            .anySatisfy(
                pod -> {
                  assertThat(pod.getMetadata().getName())
                      .startsWith(FULLNAME + "-" + component + "-");
                  assertThat(pod.getMetadata().getLabels())
                      .containsEntry("component", component)
                      .containsEntry("app.kubernetes.io/name", "milvus");
                  assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                });
      }
      assertThat(pods)
          .as("the etcd pod among %s", names(pods))
          .anySatisfy(
              pod -> {
                assertThat(pod.getMetadata().getName()).isEqualTo("my-release-etcd-0");
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              });
      assertThat(pods)
          .as("the MinIO pod among %s", names(pods))
          .anySatisfy(
              pod -> {
                assertThat(pod.getMetadata().getName()).startsWith("my-release-minio-");
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              });
      assertThat(pods).hasSize(components.size() + 2);
      assertThat(names(serviceMonitors(admin))).containsExactly(FULLNAME);

      MilvusMetrics milvus = env.milvusMetrics();
      ComponentTargets targets = assertAllUp(milvus, components);
      for (String component : components) {
        assertThat(targets.component(component).targets())
            .as("%s's targets", component)
            .singleElement()
            .satisfies(
                t -> {
                  assertThat(t.scrapePool())
                      .isEqualTo("serviceMonitor/" + NAMESPACE + "/" + FULLNAME + "/0");
                  assertThat(t.labels().get("pod")).startsWith(FULLNAME + "-" + component + "-");
                });
      }

      Map<String, MilvusTestExporter> exporters = lab.milvusExporters(NAMESPACE);
      assertThat(exporters).containsOnlyKeys(components);
      exporters.forEach(
          (component, exporter) ->
              assertThat(exporter.component())
                  .as("the exporter of the %s pod", component)
                  .isEqualTo(component));

      for (String component : components) {
        InstantVector roles =
            milvus.awaitSample(
                milvus.release().select("milvus_num_node", "component=\"" + component + "\""),
                SAMPLE_TIMEOUT);
        assertThat(roles.samples())
            .as("milvus_num_node of %s counts only its own role", component)
            .extracting(s -> s.labels().get("role_name"))
            .containsExactly(component);
      }
      STARTUP_FAMILY.forEach(
          (component, family) -> {
            if (!component.equals("streamingnode")) {
              assertThat(componentsOf(milvus, family))
                  .as("components with %s", family)
                  .containsExactly(component);
            }
          });
      assertThat(componentsOf(milvus, "internal_mmap_in_used_count"))
          .as("segcore's C++ families")
          .containsExactlyInAnyOrder("querynode", "datanode", "streamingnode");
      assertThat(componentsOf(milvus, "go_goroutines"))
          .as("every process has the Go runtime's families")
          .containsExactlyInAnyOrderElementsOf(components);

      exporters.get("proxy").traffic().insert("books", 10).search("books", Duration.ofMillis(7));
      milvus.awaitSample(
          milvus.release().select("milvus_proxy_req_count", "function_name=\"Search\""),
          SAMPLE_TIMEOUT);
      assertThat(milvus.requestCounts().count("Insert", RequestStatus.TOTAL)).isEqualTo(1.0);
      assertThat(milvus.requestCounts().count("Search", RequestStatus.SUCCESS)).isEqualTo(1.0);
      assertThat(componentsOf(milvus, "milvus_proxy_req_count"))
          .as("components counting requests")
          .containsExactly("proxy");

      MilvusTestExporter querynode = exporters.get("querynode");
      querynode.failScrapesWith(500);
      try {
        ComponentTargets oneDown = awaitNotUp(milvus, components, List.of("querynode"));
        assertThat(oneDown.component("querynode").state()).isEqualTo(TargetStatus.State.DOWN);
        assertThat(oneDown.summary())
            .as("the report of a cluster whose querynode fails its scrapes")
            .contains("querynode: DOWN", "kubectl -n milvus get pods -l component=querynode")
            .contains("proxy: UP", "mixcoord: UP", "datanode: UP", "streamingnode: UP");
      } finally {
        querynode.serveScrapesNormally();
      }
      assertThat(awaitNotUp(milvus, components, List.of()).isUp()).isTrue();
    }

    assertLeftAsBefore(admin, before);
  }

  /** Asserts every component UP, the failure naming each component that is not and why. */
  private static ComponentTargets assertAllUp(MilvusMetrics milvus, List<String> components) {
    ComponentTargets targets = milvus.targetStatusByComponent(components);
    assertThat(targets.notUp()).as("components not UP:\n%s", targets.summary()).isEmpty();
    for (String component : components) {
      assertThat(targets.component(component).state())
          .as("%s: %s", component, targets.component(component).summary())
          .isEqualTo(TargetStatus.State.UP);
      assertThat(targets.component(component).targets())
          .extracting(Targets.Active::health)
          .as(component)
          .containsOnly(Targets.Health.UP);
    }
    assertThat(targets.isUp()).isTrue();
    return targets;
  }

  /**
   * Waits up to 30 s (six scrape intervals) until exactly {@code expected} are the components not
   * UP.
   */
  private static ComponentTargets awaitNotUp(
      MilvusMetrics milvus, List<String> components, List<String> expected) {
    long deadline = System.nanoTime() + SAMPLE_TIMEOUT.toNanos();
    ComponentTargets targets = milvus.targetStatusByComponent(components);
    while (!targets.notUp().equals(expected) && System.nanoTime() < deadline) {
      LabProcess.sleep(Duration.ofMillis(500));
      targets = milvus.targetStatusByComponent(components);
    }
    assertThat(targets.notUp()).as("components not UP:\n%s", targets.summary()).isEqualTo(expected);
    return targets;
  }

  /**
   * The {@code component} label values of the release's series of {@code family}, waiting for the
   * first one.
   */
  private static List<String> componentsOf(MilvusMetrics milvus, String family) {
    milvus.awaitSample(milvus.release().select(family), SAMPLE_TIMEOUT);
    return milvus
        .prometheus()
        .query("count by (component) (" + milvus.release().select(family) + ")")
        .samples()
        .stream()
        .map(Sample::labels)
        .map(l -> l.find("component").orElse("(none)"))
        .sorted()
        .toList();
  }

  private static List<ServiceMonitor> serviceMonitors(KubernetesClient admin) {
    return admin.resources(ServiceMonitor.class).inNamespace(NAMESPACE).list().getItems();
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
  }

  private static void assertLeftAsBefore(KubernetesClient admin, ClusterSnapshot before) {
    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
  }
}
