package io.github.milvusmonitored.prometheus;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The label set of one series, immutable and sorted by name.
 *
 * <pre>{@code
 * String pod = sample.labels().get("pod");            // fails clearly when there is no such label
 * Optional<String> status = sample.labels().find("status");
 * }</pre>
 */
public final class Labels {

  private static final Labels EMPTY = new Labels(new TreeMap<>());

  private final Map<String, String> values;

  private Labels(TreeMap<String, String> values) {
    this.values = Collections.unmodifiableSortedMap(values);
  }

  /** Labels holding a copy of {@code values}. */
  public static Labels of(Map<String, String> values) {
    return values.isEmpty() ? EMPTY : new Labels(new TreeMap<>(values));
  }

  /** Takes ownership of a map nobody else holds; for the query reader's hot path. */
  static Labels wrap(TreeMap<String, String> owned) {
    return owned.isEmpty() ? EMPTY : new Labels(owned);
  }

  /** No labels at all (a scalar or an aggregation without {@code by}). */
  public static Labels empty() {
    return EMPTY;
  }

  /**
   * The value of label {@code name}.
   *
   * @throws IllegalArgumentException naming the labels the series does have, when it lacks {@code
   *     name}
   */
  public String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "Label '"
              + name
              + "' does not exist on series "
              + this
              + ". Labels present: "
              + values.keySet()
              + ". Check the spelling (kube-prometheus writes app_kubernetes_io_instance, not"
              + " app.kubernetes.io/instance) or keep the label in the query's 'by (...)' clause.");
    }
    return value;
  }

  /** The value of label {@code name}, if the series has it. */
  public Optional<String> find(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The metric name ({@code __name__}), if the series still has one (aggregations drop it). */
  public Optional<String> metricName() {
    return find("__name__");
  }

  /** All labels as an unmodifiable map sorted by name. */
  public Map<String, String> asMap() {
    return values;
  }

  /** Whether no label is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** PromQL-style text: {@code name{a="1", b="2"}}, or {@code {}} for no labels. */
  @Override
  public String toString() {
    String name = values.getOrDefault("__name__", "");
    String body =
        values.entrySet().stream()
            .filter(e -> !e.getKey().equals("__name__"))
            .map(
                e ->
                    e.getKey()
                        + "=\""
                        + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
    return name + body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
