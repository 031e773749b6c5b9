package io.github.milvusmonitored.milvus;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The manifests a Milvus release renders to, as YAML text and as Kubernetes objects.
 *
 * <p>Example: {@code release.render().serviceMonitor(values.names().serviceMonitorName())}.
 *
 * @param yaml the rendered multi-document YAML, as {@code helm template} prints it
 * @param resources the parsed objects; ServiceMonitors are {@link ServiceMonitor}s
 */
public record MilvusManifests(String yaml, List<HasMetadata> resources) {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");

  /** Keeps the list read-only. */
  public MilvusManifests {
    resources = List.copyOf(resources);
  }

  /** Parses rendered YAML; documents holding only comments are skipped. */
  public static MilvusManifests parse(String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().anyMatch(line -> !line.isBlank() && !line.trim().startsWith("#"))) {
        resources.add(SERIALIZATION.unmarshal(document));
      }
    }
    return new MilvusManifests(yaml, resources);
  }

  /** Returns the ServiceMonitors among the resources. */
  public List<ServiceMonitor> serviceMonitors() {
    return resources.stream()
        .filter(ServiceMonitor.class::isInstance)
        .map(ServiceMonitor.class::cast)
        .toList();
  }

  /** Returns the ServiceMonitor with this name, if rendered. */
  public Optional<ServiceMonitor> serviceMonitor(String name) {
    return serviceMonitors().stream()
        .filter(monitor -> name.equals(monitor.getMetadata().getName()))
        .findFirst();
  }

  /** Returns the resources of one kind, e.g. {@code "Service"}. */
  public List<HasMetadata> ofKind(String kind) {
    return resources.stream().filter(resource -> kind.equals(resource.getKind())).toList();
  }

  /**
   * Returns every container image the workloads use, sorted, each once (for pre-loading a cluster).
   */
  public List<String> images() {
    TreeSet<String> images = new TreeSet<>();
    for (HasMetadata resource : resources) {
      collectImages(SERIALIZATION.convertValue(resource, Map.class), images);
    }
    return List.copyOf(images);
  }

  private static void collectImages(Object node, TreeSet<String> images) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (CONTAINER_LISTS.contains(String.valueOf(key))
                && value instanceof List<?> containers) {
              containers.stream()
                  .filter(Map.class::isInstance)
                  .map(container -> ((Map<?, ?>) container).get("image"))
                  .filter(image -> image != null)
                  .forEach(image -> images.add(String.valueOf(image)));
            } else {
              collectImages(value, images);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectImages(item, images));
    }
  }
}
