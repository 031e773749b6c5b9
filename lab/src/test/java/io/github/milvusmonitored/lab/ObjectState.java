package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a test compares of an object that existed before a start: its uid, its resourceVersion
 * (which changes on any write), its labels and annotations, and the named top-level fields of its
 * content (spec, data, rules).
 */
record ObjectState(
    String ref,
    String uid,
    String resourceVersion,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> content) {

  /** The object as the cluster holds it now; fails when it is gone. */
  static ObjectState of(
      KubernetesClient client,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String... fields) {
    var resources = client.genericKubernetesResources(apiVersion, kind);
    GenericKubernetesResource r =
        namespace == null
            ? resources.withName(name).get()
            : resources.inNamespace(namespace).withName(name).get();
    String ref = kind + " " + (namespace == null ? "" : namespace + "/") + name;
    if (r == null) {
      throw new AssertionError(ref + " is gone");
    }
    Map<String, Object> content = new LinkedHashMap<>();
    for (String field : fields) {
      content.put(field, r.getAdditionalProperties().get(field));
    }
    return new ObjectState(
        ref,
        r.getMetadata().getUid(),
        r.getMetadata().getResourceVersion(),
        r.getMetadata().getLabels(),
        r.getMetadata().getAnnotations(),
        content);
  }

  /**
   * The same state without the resourceVersion: for objects whose status controllers keep writing.
   */
  ObjectState ignoringResourceVersion() {
    return new ObjectState(ref, uid, null, labels, annotations, content);
  }
}
