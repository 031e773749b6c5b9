package io.github.milvusmonitored.images.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The container images of workload objects: every {@code containers}, {@code initContainers} and
 * {@code ephemeralContainers} entry of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs,
 * CronJobs and Pods.
 */
public final class WorkloadImages {

  /** The kinds whose pod templates are read. */
  public static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private WorkloadImages() {}

  /**
   * Calls {@code sink} with (image, container name) for each container of a workload; other kinds
   * give nothing.
   */
  public static void collect(HasMetadata resource, BiConsumer<String, String> sink) {
    if (!WORKLOAD_KINDS.contains(resource.getKind())) {
      return;
    }
    walk(tree(resource).get("spec"), sink);
  }

  /** The object as a plain JSON tree. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(HasMetadata resource) {
    return SERIALIZATION.convertValue(resource, Map.class);
  }

  private static void walk(Object node, BiConsumer<String, String> sink) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (CONTAINER_LISTS.contains(String.valueOf(key))
                && value instanceof List<?> containers) {
              for (Object container : containers) {
                if (container instanceof Map<?, ?> c && c.get("image") != null) {
                  sink.accept(String.valueOf(c.get("image")), String.valueOf(c.get("name")));
                }
              }
            } else {
              walk(value, sink);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> walk(item, sink));
    }
  }
}
