package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/** How an APIService found in the cluster is served, for the line that says it is left alone. */
public final class ApiServices {

  private ApiServices() {}

  /**
   * {@code "by Service kube-system/metrics-server, Available=True"}, {@code "locally,
   * Available=True"}, or with the reason when it is not Available ({@code "..., Available=False
   * (ServiceNotFound)"}); works on the typed and the generic form.
   */
  @SuppressWarnings("unchecked")
  public static String backend(HasMetadata apiService) {
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(apiService, Map.class);
    Map<String, Object> spec =
        tree.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    String by =
        spec.get("service") instanceof Map<?, ?> service
            ? "by Service " + service.get("namespace") + "/" + service.get("name")
            : "locally";
    Map<String, Object> status =
        tree.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    List<Object> conditions =
        status.get("conditions") instanceof List<?> l ? (List<Object>) l : List.of();
    for (Object c : conditions) {
      if (c instanceof Map<?, ?> condition && "Available".equals(condition.get("type"))) {
        boolean available = "True".equals(condition.get("status"));
        return by
            + ", Available="
            + condition.get("status")
            + (available || condition.get("reason") == null
                ? ""
                : " (" + condition.get("reason") + ")");
      }
    }
    return by;
  }
}
