package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import java.util.Locale;

/** The diagnosis sentences of {@code summary.md}, in one place. */
public final class DiagnosisTexts {

  /** The text when nothing looks wrong. */
  public static final String NOTHING_FOUND =
      "No problem found in what was collected: every pod listed is Ready"
          + " (or completed) and, where a Milvus selector was given, its target is up. If a test still fails,"
          + " read events.txt and prometheus-targets.txt.";

  private DiagnosisTexts() {}

  static String imagePull(Pod pod, ContainerStatus c, String reason, String message) {
    return "Pod "
        + ref(pod)
        + " cannot pull the image of container '"
        + c.getName()
        + "' ("
        + reason
        + "): image '"
        + c.getImage()
        + "'"
        + (message == null ? "" : ", kubelet says: \"" + message.strip() + "\"")
        + ". Check the image name and tag, that the node reaches the registry (proxy, mirror in"
        + " registries.yaml, rate limits), and on an offline cluster preload the image.";
  }

  /** {@code message}: the kubelet's event, {@code count} how often it was seen. */
  static String imagePullEvent(String namespace, String pod, String message, Integer count) {
    return "Pod "
        + ref(namespace, pod)
        + " cannot pull an image: the kubelet says \""
        + message.strip()
        + "\""
        + (count != null && count > 1 ? " (" + count + " times)" : "")
        + ". Check the image name and tag, that the node reaches the registry (proxy, mirror in"
        + " registries.yaml, rate limits), and on an offline cluster preload the image.";
  }

  static String crashLoop(Pod pod, ContainerStatus c, ContainerStateTerminated last) {
    String lastRun =
        last == null
            ? ""
            : " Its last run ended with reason "
                + last.getReason()
                + ", exit code "
                + last.getExitCode()
                + ("OOMKilled".equals(last.getReason())
                    ? " (out of memory: " + memoryLimit(pod, c) + ")"
                    : last.getExitCode() != null && last.getExitCode() == 137
                        ? " (killed: often OOMKilled, raise the memory limit)"
                        : "")
                + ".";
    return "Container '"
        + c.getName()
        + "' of pod "
        + ref(pod)
        + " is in CrashLoopBackOff after "
        + c.getRestartCount()
        + " restart(s)."
        + lastRun
        + " Read logs/"
        + pod.getMetadata().getNamespace()
        + "_"
        + pod.getMetadata().getName()
        + "_"
        + c.getName()
        + ".previous.log for the crash; for Milvus"
        + " standalone the usual causes are an unreachable etcd or MinIO, or too little memory.";
  }

  static String oomKilled(Pod pod, ContainerStatus c, ContainerStateTerminated last) {
    return "Container '"
        + c.getName()
        + "' of pod "
        + ref(pod)
        + " was OOM-killed: its last run ended with reason"
        + " OOMKilled, exit code "
        + last.getExitCode()
        + (last.getFinishedAt() == null ? "" : " at " + last.getFinishedAt())
        + ", "
        + memoryLimit(pod, c)
        + "; restarted "
        + c.getRestartCount()
        + " time(s)."
        + " Raise the container's resources.limits.memory, or lower what it holds (for Prometheus: fewer series or"
        + " a shorter retention).";
  }

  /** "memory limit 40Mi" from the pod spec, or "no memory limit" when the container has none. */
  static String memoryLimit(Pod pod, ContainerStatus c) {
    var spec =
        pod.getSpec() == null
            ? null
            : java.util.stream.Stream.concat(
                    pod.getSpec().getContainers().stream(),
                    pod.getSpec().getInitContainers() == null
                        ? java.util.stream.Stream.empty()
                        : pod.getSpec().getInitContainers().stream())
                .filter(s -> c.getName().equals(s.getName()))
                .findFirst()
                .orElse(null);
    var limit =
        spec == null || spec.getResources() == null || spec.getResources().getLimits() == null
            ? null
            : spec.getResources().getLimits().get("memory");
    return limit == null ? "no memory limit in its pod spec" : "memory limit " + limit.toString();
  }

  static String unschedulable(Pod pod, String schedulerMessage) {
    String m = schedulerMessage.toLowerCase(Locale.ROOT);
    String cause;
    if (m.contains("insufficient memory")) {
      cause =
          "no node has enough free memory for its requests (insufficient memory). Give the node (or"
              + " the k3s container) more memory, or lower the requests: Milvus standalone asks for several GiB"
              + " and kube-prometheus about 2.4 GiB with all components; use the light profiles.";
    } else if (m.contains("insufficient cpu")) {
      cause =
          "no node has enough free CPU for its requests (insufficient cpu). Give the node more CPUs or"
              + " lower the pods' CPU requests.";
    } else if (m.contains("persistentvolumeclaim") || m.contains("volume")) {
      cause =
          "a volume could not be bound: check that the cluster has a default StorageClass and that the"
              + " requested size can be provisioned (kubectl get pvc).";
    } else {
      cause = "the scheduler found no fitting node (taints, node selectors or affinity).";
    }
    return "Pod "
        + ref(pod)
        + " is Pending and cannot be scheduled: "
        + cause
        + " Scheduler: \""
        + schedulerMessage.strip()
        + "\"";
  }

  static String releaseNotDeployed(MilvusReleaseStatus s) {
    return "Helm release '"
        + s.name()
        + "' in namespace '"
        + s.namespace()
        + "' is '"
        + s.status()
        + "', not deployed (revision "
        + s.revision()
        + ", chart "
        + s.chart()
        + "). See helm-release.txt"
        + " and the pods and events of the namespace.";
  }

  static String target(TargetStatus s) {
    return "Prometheus has no healthy scrape of Milvus (" + s.state() + "): " + s.explanation();
  }

  static String components(ComponentTargets c) {
    String first = c.notUp().get(0);
    return "Milvus component(s) "
        + c.notUp()
        + " have no healthy scrape while the others are up ("
        + c.component(first).state()
        + "): "
        + c.component(first).explanation();
  }

  static String notReady(Pod pod) {
    var ready = PodDescriptions.readyCondition(pod);
    return "Pod "
        + ref(pod)
        + " is not Ready (status "
        + PodDescriptions.status(pod)
        + ready.map(c -> c.getMessage() == null ? "" : ", " + c.getMessage()).orElse("")
        + "). Its readiness probe may still be failing: Milvus's probes wait 90 s before the first check;"
        + " see pods.txt and its logs.";
  }

  private static String ref(Pod pod) {
    return ref(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  private static String ref(String namespace, String pod) {
    return "'" + pod + "' in namespace '" + namespace + "'";
  }
}
