package io.github.milvusmonitored.images.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The images the Prometheus operator starts at run time, which no manifest lists as a container:
 * the server of each Prometheus and Alertmanager object, and the config-reloader sidecar it adds to
 * both.
 *
 * <p>The server image is {@code spec.image} when set, otherwise {@code <base>:v<spec.version>} with
 * the operator's default bases {@code quay.io/prometheus/prometheus} and {@code
 * quay.io/prometheus/alertmanager}. The reloader is the operator's {@code
 * --prometheus-config-reloader=} argument; without it the operator uses the reloader of its own
 * version (inference from the operator's flag defaults).
 */
public final class OperatorImages {

  private static final String RELOADER_FLAG = "--prometheus-config-reloader=";
  private static final String OPERATOR_REPOSITORY = "prometheus-operator/prometheus-operator";
  private static final Map<String, String> DEFAULT_BASES =
      Map.of(
          "Prometheus", "quay.io/prometheus/prometheus",
          "Alertmanager", "quay.io/prometheus/alertmanager");

  private OperatorImages() {}

  /** Whether the operator turns this object into pods. */
  public static boolean isOperated(HasMetadata resource) {
    return DEFAULT_BASES.containsKey(resource.getKind())
        && resource.getApiVersion() != null
        && resource.getApiVersion().startsWith("monitoring.coreos.com/");
  }

  /** The server image of a Prometheus or Alertmanager object, if it names one or a version. */
  public static Optional<String> serverImage(HasMetadata resource) {
    Map<?, ?> spec = spec(resource);
    Object image = spec.get("image");
    if (image != null && !String.valueOf(image).isBlank()) {
      return Optional.of(String.valueOf(image));
    }
    Object version = spec.get("version");
    if (version == null || String.valueOf(version).isBlank()) {
      return Optional.empty();
    }
    String v = String.valueOf(version);
    return Optional.of(
        DEFAULT_BASES.get(resource.getKind()) + ":" + (v.startsWith("v") ? v : "v" + v));
  }

  /**
   * The config-reloader image an operator Deployment gives the pods it creates: its flag, or the
   * reloader of the operator image's tag; empty for other objects.
   */
  public static Optional<String> configReloader(HasMetadata resource) {
    if (!"Deployment".equals(resource.getKind())) {
      return Optional.empty();
    }
    String[] found = new String[2];
    BiConsumer<String, String> operatorImage =
        (image, name) -> {
          if (image.contains(OPERATOR_REPOSITORY + ":")) {
            found[1] = image;
          }
        };
    WorkloadImages.collect(resource, operatorImage);
    if (found[1] == null) {
      return Optional.empty();
    }
    for (String arg : args(resource)) {
      if (arg.startsWith(RELOADER_FLAG)) {
        found[0] = arg.substring(RELOADER_FLAG.length());
      }
    }
    if (found[0] != null) {
      return Optional.of(found[0]);
    }
    String tag = found[1].substring(found[1].lastIndexOf(':') + 1);
    return Optional.of("quay.io/prometheus-operator/prometheus-config-reloader:" + tag);
  }

  private static Map<?, ?> spec(HasMetadata resource) {
    Object spec = WorkloadImages.tree(resource).get("spec");
    return spec instanceof Map<?, ?> map ? map : Map.of();
  }

  private static List<String> args(HasMetadata resource) {
    Object template = spec(resource).get("template");
    Object podSpec = template instanceof Map<?, ?> t ? t.get("spec") : null;
    Object containers = podSpec instanceof Map<?, ?> p ? p.get("containers") : null;
    if (!(containers instanceof List<?> list)) {
      return List.of();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(c -> ((Map<?, ?>) c).get("args"))
        .filter(List.class::isInstance)
        .flatMap(a -> ((List<?>) a).stream())
        .map(String::valueOf)
        .toList();
  }
}
