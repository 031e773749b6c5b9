package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a kubelet reports about a pod whose one container the lab runs for real: readiness
 * from its probe, and a container that exited, waits in back-off and runs again (exit code, restart
 * count, start times).
 */
final class KubeletStatus {

  private static final Logger LOG = LoggerFactory.getLogger(KubeletStatus.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  KubeletStatus(KubernetesClient client, Pod pod) {
    this.client = client;
    this.namespace = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
  }

  /** The container's readiness as its probe found it. */
  void ready(boolean ready) {
    edit(
        "ready=" + ready,
        pod -> {
          conditions(pod, ready);
          containers(pod).forEach(c -> c.setReady(ready));
        });
  }

  /** The container exited with {@code exitCode}: not ready, waiting in CrashLoopBackOff. */
  void exited(int exitCode, Instant startedAt, int restarts) {
    String now = Instant.now().toString();
    edit(
        "exited " + exitCode,
        pod -> {
          conditions(pod, false);
          containers(pod)
              .forEach(
                  c -> {
                    c.setReady(false);
                    c.setRestartCount(restarts);
                    c.setLastState(
                        new ContainerStateBuilder()
                            .withNewTerminated()
                            .withExitCode(exitCode)
                            .withReason(exitCode == 0 ? "Completed" : "Error")
                            .withStartedAt(startedAt.toString())
                            .withFinishedAt(now)
                            .endTerminated()
                            .build());
                    c.setState(
                        new ContainerStateBuilder()
                            .withNewWaiting()
                            .withReason("CrashLoopBackOff")
                            .withMessage("back-off restarting failed container")
                            .endWaiting()
                            .build());
                  });
        });
  }

  /** The container runs again (not ready until its probe succeeds). */
  void restarted(Instant startedAt, int restarts) {
    edit(
        "restarted",
        pod ->
            containers(pod)
                .forEach(
                    c -> {
                      c.setRestartCount(restarts);
                      c.setStarted(true);
                      c.setState(
                          new ContainerStateBuilder()
                              .withNewRunning()
                              .withStartedAt(startedAt.toString())
                              .endRunning()
                              .build());
                    }));
  }

  private void edit(String what, java.util.function.Consumer<Pod> change) {
    try {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              pod -> {
                change.accept(pod);
                return pod;
              });
    } catch (KubernetesClientException e) {
      // The pod is going away (or the API server restarts): a kubelet would try at its next sync;
      // so does the lab.
      LOG.debug(
          "lab: cannot write the status ({}) of pod {}/{}: {}",
          what,
          namespace,
          name,
          e.toString());
    }
  }

  private static void conditions(Pod pod, boolean ready) {
    String now = Instant.now().toString();
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if (List.of("Ready", "ContainersReady").contains(condition.getType())
          && !condition.getStatus().equals(ready ? "True" : "False")) {
        condition.setStatus(ready ? "True" : "False");
        condition.setLastTransitionTime(now);
      }
    }
  }

  private static List<ContainerStatus> containers(Pod pod) {
    return pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }
}
