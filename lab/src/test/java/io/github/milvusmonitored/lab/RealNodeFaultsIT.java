package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What goes wrong on the lab's real node (run with {@code -Dlab.node=real}), handled by the kubelet
 * and reported by the library: a killed Milvus container restarted, an OOM-killed Prometheus named
 * in the diagnostics, an image the lab did not make named in the start's failure without anything
 * pulled.
 */
@EnabledIfSystemProperty(
    named = "lab.node",
    matches = "real",
    disabledReason = "runs in the real-node execution")
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealNodeFaultsIT {

  private static final String NAMESPACE = "milvus";

  /**
   * Faults a kubelet handles: the Milvus container killed (SIGKILL through containerd) is restarted
   * by the kubelet, the target is reported DOWN and then UP again; Prometheus's container under a
   * memory limit below what it needs is OOM-killed by the kernel and the library's diagnostics name
   * the OOM kill and the limit in summary.md.
   */
  @Test
  void a_killed_milvus_is_restarted_and_an_oom_killed_prometheus_is_named_in_the_diagnostics(
      Lab lab) throws java.io.IOException {
    KubernetesClient admin = lab.client();
    RealNode node = lab.realNode();
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "real-node-faults")
                .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build()))) {
      // The kubelet restarts a container that died for the first time at once, and Milvus's metrics
      // port is back
      // within a scrape interval; after the second death it waits its 10 s back-off, and the target
      // is seen DOWN.
      String podName =
          admin.pods().inNamespace(NAMESPACE).list().getItems().get(0).getMetadata().getName();
      long killed = 0;
      boolean sawDown = false;
      int kills = 0;
      while (!sawDown && kills < 3) {
        ContainerStatus running = awaitRunning(admin, podName, kills, Duration.ofMinutes(2));
        killed = System.nanoTime();
        kills++;
        assertThat(
                node.ctr(
                        List.of(
                            "tasks",
                            "kill",
                            "-s",
                            "SIGKILL",
                            running.getContainerID().replaceFirst("^containerd://", "")))
                    .exitCode())
            .isZero();
        sawDown = seeTarget(env, TargetStatus.State.DOWN, Duration.ofSeconds(20));
        System.out.printf(
            "real node: Milvus container killed (%d): target %s%n",
            kills,
            sawDown
                ? String.format("DOWN after %.1f s", seconds(killed))
                : "not seen DOWN within 20 s");
      }
      assertThat(sawDown).as("the target reported DOWN after a kill").isTrue();
      assertThat(seeTarget(env, TargetStatus.State.UP, Duration.ofMinutes(2)))
          .as("the target UP again")
          .isTrue();
      ContainerStatus status =
          admin
              .pods()
              .inNamespace(NAMESPACE)
              .withName(podName)
              .get()
              .getStatus()
              .getContainerStatuses()
              .get(0);
      System.out.printf(
          "real node: Milvus target UP again %.1f s after kill %d; restarts %d, last state %s/%d%n",
          seconds(killed),
          kills,
          status.getRestartCount(),
          status.getLastState().getTerminated().getReason(),
          status.getLastState().getTerminated().getExitCode());
      assertThat(status.getRestartCount()).isEqualTo(kills);
      assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);

      // Prometheus under a 10Mi limit: it needs more than that to start (about 25 MiB idle), so the
      // kernel kills it.
      admin
          .resources(io.fabric8.openshift.api.model.monitoring.v1.Prometheus.class)
          .inNamespace("monitoring")
          .withName("k8s")
          .edit(
              p -> {
                p.getSpec()
                    .setResources(
                        new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                            .addToLimits(
                                "memory", new io.fabric8.kubernetes.api.model.Quantity("10Mi"))
                            .addToRequests(
                                "memory", new io.fabric8.kubernetes.api.model.Quantity("10Mi"))
                            .build());
                return p;
              });
      long limited = System.nanoTime();
      ContainerStatus oom = awaitOomKilled(admin, Duration.ofMinutes(3));
      System.out.printf(
          "real node: Prometheus OOM-killed %.1f s after the 10Mi limit: %s%n",
          seconds(limited), oom.getLastState().getTerminated());
      java.nio.file.Path diagnostics =
          env.writeDiagnostics(
              java.nio.file.Path.of(
                  "target", "milvus-monitored", "real-node-faults", "diagnostics"));
      String summary = java.nio.file.Files.readString(diagnostics.resolve("summary.md"));
      System.out.println("real node: summary.md\n" + summary);
      assertThat(summary).contains("OOMKilled", "memory limit 10Mi", "prometheus-k8s-0");
    }
  }

  /**
   * An image the lab did not make: the node's containerd finds every registry at a closed port of
   * its loopback, so the pull fails at once and nothing leaves the lab; the start fails naming the
   * image, and the cluster is as before.
   */
  @Test
  void a_milvus_image_the_lab_did_not_make_fails_the_start_naming_it_and_nothing_is_pulled(
      Lab lab) {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    EnvironmentConfig config =
        LabConfigs.environment(lab, "real-node-missing-image")
            .withMilvus(
                LabConfigs.milvus()
                    .withProfile(MilvusProfile.ONE_POD)
                    .withImageTag(MISSING_TAG)
                    .withReadyTimeout(Duration.ofSeconds(30))
                    .build());

    assertThatThrownBy(() -> MonitoredEnvironments.start(config))
        .isInstanceOf(EnvironmentStartException.class)
        .satisfies(e -> System.out.println("real node: image never made:\n" + e.getMessage()))
        .hasMessageContaining("Most likely problem, from the diagnostics: Pod '")
        .hasMessageContaining("' in namespace '" + NAMESPACE + "' cannot pull")
        .hasMessageContaining("milvusdb/milvus:" + MISSING_TAG)
        // Where containerd looked for it: the closed address of the node's loopback.
        .hasMessageContaining(
            "dial tcp "
                + NodeFiles.CLOSED_REGISTRY.replace("http://", "")
                + ": connect: connection refused");

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after)).as("objects the run removed").isEmpty();
    assertThat(lab.realNode().ctr(List.of("images", "ls", "-q")).output())
        .as("images in the node's containerd")
        .doesNotContain(MISSING_TAG);
  }

  /** A Milvus tag lab/build-images.sh never makes. */
  private static final String MISSING_TAG = "v2.3.99";

  private static boolean seeTarget(
      MonitoredEnvironment env, TargetStatus.State state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (env.milvusMetrics().targetStatus().state() == state) {
        return true;
      }
      LabProcess.sleep(Duration.ofMillis(250));
    }
    return false;
  }

  private static ContainerStatus awaitRunning(
      KubernetesClient admin, String pod, int restarts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      ContainerStatus c =
          admin
              .pods()
              .inNamespace(NAMESPACE)
              .withName(pod)
              .get()
              .getStatus()
              .getContainerStatuses()
              .get(0);
      if (c.getRestartCount() == restarts
          && c.getState().getRunning() != null
          && Boolean.TRUE.equals(c.getReady())) {
        return c;
      }
      LabProcess.sleep(Duration.ofMillis(250));
    }
    throw new AssertionError(
        "Milvus container of " + pod + " not running and ready after " + restarts + " restarts");
  }

  private static ContainerStatus awaitOomKilled(KubernetesClient admin, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Pod pod = admin.pods().inNamespace("monitoring").withName("prometheus-k8s-0").get();
      if (pod != null && pod.getStatus().getContainerStatuses() != null) {
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
          if (c.getName().equals("prometheus")
              && c.getLastState() != null
              && c.getLastState().getTerminated() != null
              && "OOMKilled".equals(c.getLastState().getTerminated().getReason())) {
            return c;
          }
        }
      }
      LabProcess.sleep(Duration.ofSeconds(1));
    }
    Pod pod = admin.pods().inNamespace("monitoring").withName("prometheus-k8s-0").get();
    throw new AssertionError(
        "Prometheus was not OOM-killed within "
            + timeout.toSeconds()
            + " s; its pod: "
            + (pod == null
                ? "none"
                : pod.getStatus().getContainerStatuses()
                    + " limits "
                    + pod.getSpec().getContainers().stream()
                        .map(c -> c.getName() + "=" + c.getResources().getLimits())
                        .toList()));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
