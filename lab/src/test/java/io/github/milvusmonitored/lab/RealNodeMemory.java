package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory of every container of the stack and of Milvus on the real node, from the containers'
 * cgroups.
 */
final class RealNodeMemory {

  private RealNodeMemory() {}

  /** By {@code namespace/pod/container}: usage, peak and RSS in MiB, plus the sums. */
  static String read(KubernetesClient admin, RealNode node) {
    Map<String, NodeCgroups.Memory> byContainer = new LinkedHashMap<>();
    for (String ns : List.of("monitoring", "milvus", "kube-system")) {
      for (Pod pod : admin.pods().inNamespace(ns).list().getItems()) {
        if (pod.getStatus().getContainerStatuses() == null) {
          continue;
        }
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
          if (c.getContainerID() == null) {
            continue;
          }
          node.cgroups()
              .memory(c.getContainerID().replaceFirst("^containerd://", ""))
              .ifPresent(
                  m ->
                      byContainer.put(
                          ns + "/" + pod.getMetadata().getName() + "/" + c.getName(), m));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    long usage = 0;
    long max = 0;
    long rss = 0;
    for (var e : byContainer.entrySet()) {
      NodeCgroups.Memory m = e.getValue();
      out.append(
          String.format(
              "%n  %-70s usage %6.1f MiB, peak %6.1f MiB, rss %6.1f MiB",
              e.getKey(), mib(m.usageBytes()), mib(m.maxUsageBytes()), mib(m.rssBytes())));
      usage += m.usageBytes();
      max += m.maxUsageBytes();
      rss += m.rssBytes();
    }
    out.append(
        String.format(
            "%n  %-70s usage %6.1f MiB, peak %6.1f MiB, rss %6.1f MiB",
            "sum", mib(usage), mib(max), mib(rss)));
    return out.toString();
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
