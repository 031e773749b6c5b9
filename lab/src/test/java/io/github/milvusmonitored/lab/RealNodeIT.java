package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.InstantVector;
import io.github.milvusmonitored.metrics.PrometheusClient;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code MonitoredEnvironments.start} on the lab's real node (run with {@code -Dlab.node=real}): kube-prometheus
 * MINIMAL and Milvus {@code one_pod} as real containers of the images {@code lab/build-images.sh} made (nothing
 * pulled), the Milvus target UP and a sample of the real Milvus 2.3.5 through the library's client; then the latency
 * from the ServiceMonitor applied to the target in Prometheus's configuration and the first sample, measured on the
 * kubelet; after close the cluster as before.
 */
@EnabledIfSystemProperty(named = "lab.node", matches = "real", disabledReason = "runs in the real-node execution")
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealNodeIT {

  private static final String NAMESPACE = "milvus";
  private static final String JOB = "serviceMonitor/milvus/my-release-milvus-standalone/0";

  @Test
  void runs_the_stack_and_milvus_as_real_containers_on_a_real_kubelet(Lab lab) {
    KubernetesClient admin = lab.client();
    RealNode node = lab.realNode();
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    long t0 = System.nanoTime();
    try (MonitoredEnvironment env = MonitoredEnvironments.start(LabConfigs.environment(lab, "real-node")
        .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build()))) {
      System.out.printf("real node: environment started in %.1f s; phases %s%n", seconds(t0),
          env.timingReport().toJson());
      Map<String, List<String>> containers = new TreeMap<>();
      for (String ns : List.of("monitoring", NAMESPACE)) {
        for (Pod pod : admin.pods().inNamespace(ns).list().getItems()) {
          assertThat(pod.getSpec().getNodeName()).isEqualTo(ControlPlane.NODE);
          for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            assertThat(c.getContainerID()).as("container %s of %s", c.getName(), pod.getMetadata().getName())
                .startsWith("containerd://");
            assertThat(c.getReady()).as("container %s of %s ready", c.getName(), pod.getMetadata().getName())
                .isTrue();
            containers.computeIfAbsent(ns + "/" + pod.getMetadata().getName(), k -> new java.util.ArrayList<>())
                .add(c.getName() + "=" + c.getImage());
          }
        }
      }
      System.out.println("real node: containers " + containers);
      assertThat(containers.keySet()).anyMatch(k -> k.startsWith("monitoring/prometheus-operator-"))
          .contains("monitoring/prometheus-k8s-0").anyMatch(k -> k.startsWith(NAMESPACE + "/my-release-milvus-standalone-"));
      assertThat(containers.get("monitoring/prometheus-k8s-0"))
          .contains("prometheus=quay.io/prometheus/prometheus:v3.12.0",
              "config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0");

      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);
      PrometheusClient prometheus = env.prometheus();
      assertThat(prometheus.buildInfo().version()).isEqualTo("3.12.0");
      InstantVector nodes = prometheus.query("milvus_num_node{namespace=\"milvus\"}");
      assertThat(nodes.samples()).as("samples of the real Milvus 2.3.5 in its container").isNotEmpty();

      System.out.println("real node: memory at start " + RealNodeMemory.read(admin, node));
      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        traffic.createCollection("real_node").insert("real_node", 1000).search("real_node", 50).query("real_node");
      }
      System.out.println("real node: memory after 1000 inserts, 50 searches and a query "
          + RealNodeMemory.read(admin, node));

      // What a kubelet adds between a ServiceMonitor applied and its first sample, with the kubelet's defaults,
      // with the Prometheus pod's annotations changed every 2 s (a pod update makes the kubelet sync the pod,
      // which remounts its Secret volumes), and with the kubelet's syncFrequency at 5 s.
      Duration timeout = Duration.ofMinutes(4);
      System.out.println("real node: kubelet defaults: "
          + ServiceMonitorLatency.measure(admin, prometheus, NAMESPACE, JOB, timeout, () -> { }));
      System.out.println("real node: pod annotation changed every 2 s: "
          + ServiceMonitorLatency.measure(admin, prometheus, NAMESPACE, JOB, timeout, () -> annotate(admin)));
      node.restartKubelet("syncFrequency: 5s\n");
      try {
        System.out.println("real node: kubelet syncFrequency 5s: "
            + ServiceMonitorLatency.measure(admin, prometheus, NAMESPACE, JOB, timeout, () -> { }));
      } finally {
        node.restartKubelet("");
      }
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after)).as("objects the run removed that were there before").isEmpty();
  }

  private static void annotate(KubernetesClient admin) {
    admin.pods().inNamespace("monitoring").withName("prometheus-k8s-0").edit(p -> {
      p.getMetadata().getAnnotations().put("lab.milvus-monitored/refresh", Long.toString(System.nanoTime()));
      return p;
    });
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
