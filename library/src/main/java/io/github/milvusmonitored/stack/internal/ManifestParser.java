package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.ManifestFile;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a manifest file into Kubernetes objects: every YAML document, with {@code *List} kinds
 * (grafana-dashboardDefinitions.yaml is a ConfigMapList) flattened into their items.
 */
public final class ManifestParser {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestParser() {}

  public static List<HasMetadata> parse(ManifestFile file) {
    Object parsed;
    try {
      parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(file.content()));
    } catch (RuntimeException e) {
      throw new KubePrometheusException(KubePrometheusErrors.unparsable(file.path(), e), e);
    }
    List<HasMetadata> resources = new ArrayList<>();
    collect(parsed, file.path(), resources);
    return List.copyOf(resources);
  }

  /** A copy of {@code resource} with {@code edit} applied to its JSON tree. */
  @SuppressWarnings("unchecked")
  public static HasMetadata edit(HasMetadata resource, Consumer<Map<String, Object>> edit) {
    Map<String, Object> tree = SERIALIZATION.convertValue(resource, Map.class);
    edit.accept(tree);
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(tree));
  }

  private static void collect(Object parsed, String path, List<HasMetadata> into) {
    if (parsed == null) {
      return;
    }
    if (parsed instanceof KubernetesResourceList<?> list) {
      list.getItems().forEach(item -> collect(item, path, into));
    } else if (parsed instanceof List<?> documents) {
      documents.forEach(document -> collect(document, path, into));
    } else if (parsed instanceof HasMetadata resource) {
      into.add(resource);
    } else {
      String type =
          parsed instanceof KubernetesResource
              ? parsed.getClass().getSimpleName()
              : String.valueOf(parsed);
      throw new KubePrometheusException(KubePrometheusErrors.notAResource(path, type));
    }
  }
}
