package io.github.milvusmonitored.milvus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep merge of Helm values trees, with Helm's own rules: maps merge key by key, everything else
 * (lists included) is replaced by the overlay, and a {@code null} in the overlay removes the key.
 */
public final class ValuesMerge {

  private ValuesMerge() {}

  /** Returns a new tree: {@code overlay} merged over {@code base}; neither argument is modified. */
  public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> overlay) {
    Map<String, Object> result = copy(base);
    for (Map.Entry<String, ?> entry : overlay.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      Object current = result.get(key);
      if (value == null) {
        result.remove(key);
      } else if (value instanceof Map<?, ?> overlayMap && current instanceof Map<?, ?> baseMap) {
        result.put(key, merge(asStringMap(baseMap), asStringMap(overlayMap)));
      } else {
        result.put(key, copyValue(value));
      }
    }
    return result;
  }

  /** Deep copy into mutable {@link LinkedHashMap}s and {@link ArrayList}s. */
  public static Map<String, Object> copy(Map<String, ?> tree) {
    Map<String, Object> result = new LinkedHashMap<>();
    tree.forEach((key, value) -> result.put(key, copyValue(value)));
    return result;
  }

  /**
   * Returns the value at a dotted path of nested maps, or {@code null} when any step is missing.
   */
  public static Object lookup(Map<String, ?> tree, String dottedPath) {
    Object current = tree;
    for (String step : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copy(asStringMap(map));
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copyValue(item)));
      return copy;
    }
    return value;
  }

  private static Map<String, Object> asStringMap(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(String.valueOf(key), value));
    return result;
  }
}
