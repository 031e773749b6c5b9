package io.github.milvusmonitored.milvus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesMergeTest {

  @Test
  void merges_nested_maps_key_by_key() {
    Map<String, Object> merged =
        ValuesMerge.merge(
            Map.of("etcd", Map.of("replicaCount", 1, "auth", Map.of("rbac", false))),
            Map.of("etcd", Map.of("auth", Map.of("token", "simple"))));

    assertThat(merged)
        .isEqualTo(
            Map.of(
                "etcd",
                Map.of("replicaCount", 1, "auth", Map.of("rbac", false, "token", "simple"))));
  }

  @Test
  void replaces_lists_instead_of_concatenating() {
    Map<String, Object> merged =
        ValuesMerge.merge(
            Map.of("tolerations", List.of("a", "b")), Map.of("tolerations", List.of("c")));

    assertThat(merged).isEqualTo(Map.of("tolerations", List.of("c")));
  }

  @Test
  void scalar_overlay_replaces_a_map_and_map_overlay_replaces_a_scalar() {
    assertThat(ValuesMerge.merge(Map.of("a", Map.of("b", 1)), Map.of("a", "x")))
        .isEqualTo(Map.of("a", "x"));
    assertThat(ValuesMerge.merge(Map.of("a", "x"), Map.of("a", Map.of("b", 1))))
        .isEqualTo(Map.of("a", Map.of("b", 1)));
  }

  @Test
  void null_in_overlay_removes_the_key() {
    Map<String, Object> overlay = new HashMap<>();
    overlay.put("resources", null);

    assertThat(ValuesMerge.merge(Map.of("resources", Map.of("cpu", 1), "replicas", 1), overlay))
        .isEqualTo(Map.of("replicas", 1));
  }

  @Test
  void leaves_its_inputs_unchanged() {
    Map<String, Object> inner = new HashMap<>(Map.of("x", 1));
    Map<String, Object> base = new HashMap<>(Map.of("a", inner));

    Map<String, Object> merged = ValuesMerge.merge(base, Map.of("a", Map.of("y", 2)));
    ((Map<String, Object>) merged.get("a")).put("z", 3);

    assertThat(base).isEqualTo(Map.of("a", Map.of("x", 1)));
  }

  @Test
  void looks_up_dotted_paths() {
    Map<String, Object> tree =
        Map.of("metrics", Map.of("serviceMonitor", Map.of("interval", "30s")));

    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.interval")).isEqualTo("30s");
    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.missing")).isNull();
    assertThat(ValuesMerge.lookup(tree, "metrics.serviceMonitor.interval.deeper")).isNull();
  }
}
