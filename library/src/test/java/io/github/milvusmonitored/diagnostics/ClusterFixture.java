package io.github.milvusmonitored.diagnostics;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Pods and events in the states a broken Milvus installation shows, created in the mock API server.
 */
final class ClusterFixture {

  private final KubernetesClient client;

  ClusterFixture(KubernetesClient client) {
    this.client = client;
  }

  Pod readyPod(String ns, String name, String container) {
    return create(
        pod(
            ns,
            name,
            "Running",
            true,
            container,
            new ContainerStatusBuilder()
                .withName(container)
                .withImage("img/" + container + ":1")
                .withReady(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-24T10:00:00Z")
                .endRunning()
                .endState()
                .build()));
  }

  Pod crashLooping(String ns, String name, String container, int restarts) {
    return create(
        pod(
            ns,
            name,
            "Running",
            false,
            container,
            new ContainerStatusBuilder()
                .withName(container)
                .withImage("milvusdb/milvus:v2.6.15")
                .withReady(false)
                .withRestartCount(restarts)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 40s restarting failed container=" + container)
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("Error")
                .withExitCode(1)
                .endTerminated()
                .endLastState()
                .build()));
  }

  Pod imagePullBackOff(String ns, String name, String container, String image) {
    return create(
        pod(
            ns,
            name,
            "Pending",
            false,
            container,
            new ContainerStatusBuilder()
                .withName(container)
                .withImage(image)
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewWaiting()
                .withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"" + image + "\"")
                .endWaiting()
                .endState()
                .build()));
  }

  Pod unscheduled(String ns, String name, String schedulerMessage) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .withCreationTimestamp("2026-11-24T10:00:00Z")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("standalone")
            .withImage("milvusdb/milvus:v2.6.15")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage(schedulerMessage)
            .endCondition()
            .endStatus()
            .build();
    return create(pod);
  }

  Event event(
      String ns,
      String name,
      String type,
      String reason,
      String podName,
      String message,
      String time) {
    Event e =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withCount(3)
            .withLastTimestamp(time)
            .withNewInvolvedObject()
            .withKind("Pod")
            .withNamespace(ns)
            .withName(podName)
            .endInvolvedObject()
            .build();
    return client.v1().events().inNamespace(ns).resource(e).create();
  }

  private Pod create(Pod pod) {
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }

  private static Pod pod(
      String ns,
      String name,
      String phase,
      boolean ready,
      String container,
      ContainerStatus status) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withCreationTimestamp("2026-11-24T10:00:00Z")
        .endMetadata()
        .withNewSpec()
        .withNodeName("k3s-node")
        .addNewContainer()
        .withName(container)
        .withImage(status.getImage())
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withPodIP("10.42.0.7")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withReason(ready ? null : "ContainersNotReady")
        .withMessage(ready ? null : "containers with unready status: [" + container + "]")
        .endCondition()
        .withContainerStatuses(List.of(status))
        .endStatus()
        .build();
  }
}
