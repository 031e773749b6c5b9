package io.github.milvusmonitored.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code milvus_proxy_req_count} of one release summed by function and raw status, as of one query.
 *
 * <pre>{@code
 * RequestCounts counts = metrics.requestCounts();
 * double searches = counts.count("Search", RequestStatus.TOTAL);
 * double failedInserts = counts.count("Insert", RequestStatus.FAIL); // fail, fail_input, fail_system
 * }</pre>
 *
 * @param byFunction function name → raw status → count
 */
public record RequestCounts(Map<String, Map<String, Double>> byFunction) {
  public RequestCounts {
    var copy = new TreeMap<String, Map<String, Double>>();
    byFunction.forEach((f, s) -> copy.put(f, Map.copyOf(new TreeMap<>(s))));
    byFunction = java.util.Collections.unmodifiableMap(copy);
  }

  /** The functions (gRPC methods such as Search, Insert, DescribeCollection) that were called. */
  public Set<String> functions() {
    return byFunction.keySet();
  }

  /** The count of {@code function} calls whose status is in {@code status}; 0 when none. */
  public double count(String function, RequestStatus status) {
    return byFunction.getOrDefault(function, Map.of()).entrySet().stream()
        .filter(e -> status.matches(e.getKey()))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  /** The count of {@code function} calls with exactly the raw status {@code status}, e.g. {@code "fail_input"}; 0 when none. */
  public double count(String function, String status) {
    return byFunction.getOrDefault(function, Map.of()).getOrDefault(status, 0.0);
  }

  /** Every raw status value seen, over every function. */
  public Set<String> statuses() {
    Set<String> all = new java.util.TreeSet<>();
    byFunction.values().forEach(s -> all.addAll(s.keySet()));
    return java.util.Collections.unmodifiableSet(all);
  }

  /**
   * The raw status values no {@link RequestStatus} matches (a value from a newer Milvus), with their
   * count over every function: counted, never dropped.
   */
  public Map<String, Double> unclassified() {
    Map<String, Double> out = new TreeMap<>();
    byFunction.values().forEach(s -> s.forEach((status, n) -> {
      if (RequestStatus.classify(status).isEmpty()) {
        out.merge(status, n, Double::sum);
      }
    }));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The count of all calls whose status is in {@code status}, over every function. */
  public double count(RequestStatus status) {
    return byFunction.keySet().stream().mapToDouble(f -> count(f, status)).sum();
  }
}
