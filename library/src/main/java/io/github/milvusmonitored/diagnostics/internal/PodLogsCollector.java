package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches the tail of the logs of pods that are not Ready, one file per container (and its previous
 * run).
 */
public final class PodLogsCollector {

  /**
   * One log to fetch.
   *
   * @param file the file, relative to the diagnostics folder
   * @param previous whether to read the previous (crashed) run
   */
  public record LogRequest(
      String namespace, String pod, String container, boolean previous, String file) {}

  private final KubernetesClient client;
  private final int tailLines;

  public PodLogsCollector(KubernetesClient client, int tailLines) {
    this.client = client;
    this.tailLines = tailLines;
  }

  /** The logs worth reading: containers of unready pods that have started at least once. */
  public static List<LogRequest> plan(List<Pod> pods) {
    List<LogRequest> out = new ArrayList<>();
    for (Pod pod : pods) {
      if (PodDescriptions.isReady(pod) || PodDescriptions.isSucceeded(pod)) {
        continue;
      }
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      PodDescriptions.allContainers(pod)
          .forEach(
              c -> {
                String base = "logs/" + safe(ns) + "_" + safe(name) + "_" + safe(c.getName());
                if (hasStarted(c)) {
                  out.add(new LogRequest(ns, name, c.getName(), false, base + ".log"));
                }
                if (c.getRestartCount() != null && c.getRestartCount() > 0) {
                  out.add(new LogRequest(ns, name, c.getName(), true, base + ".previous.log"));
                }
              });
    }
    return out;
  }

  /** The log text, headed by where it came from. */
  public String fetch(LogRequest r) {
    var container =
        client
            .pods()
            .inNamespace(r.namespace())
            .withName(r.pod())
            .inContainer(r.container())
            .withReadyWaitTimeout(0);
    String log =
        r.previous()
            ? container.terminated().tailingLines(tailLines).getLog()
            : container.tailingLines(tailLines).getLog();
    return "# last "
        + tailLines
        + " lines of "
        + r.namespace()
        + "/"
        + r.pod()
        + " container "
        + r.container()
        + (r.previous() ? " (previous run)" : "")
        + "\n"
        + (log == null ? "" : log);
  }

  // A container waiting to be created or pulled has no log; asking only yields a 400.
  private static boolean hasStarted(ContainerStatus c) {
    var s = c.getState();
    if (s == null) {
      return false;
    }
    return s.getRunning() != null
        || s.getTerminated() != null
        || (c.getRestartCount() != null && c.getRestartCount() > 0);
  }

  private static String safe(String s) {
    return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
