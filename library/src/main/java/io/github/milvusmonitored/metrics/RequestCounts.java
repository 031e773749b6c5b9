package io.github.milvusmonitored.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code milvus_proxy_req_count} of one release summed by function, raw status and raw cause, as of
 * one query; the same answers for the same traffic on every Milvus version (see {@link
 * RequestStatus}).
 *
 * <pre>{@code
 * RequestCounts counts = metrics.requestCounts();
 * double searches = counts.count("Search", RequestStatus.TOTAL);
 * double failedInserts = counts.count("Insert", RequestStatus.FAIL);        // fail, fail_input, fail_system, ...
 * double badInput = counts.count("Insert", RequestStatus.FAIL, RequestCause.USER); // fail_input or cause="user"
 * }</pre>
 *
 * @param byCause function name → raw status → raw cause ({@code ""} where the series has none) →
 *     count
 */
public record RequestCounts(Map<String, Map<String, Map<String, Double>>> byCause) {
  public RequestCounts {
    var copy = new TreeMap<String, Map<String, Map<String, Double>>>();
    byCause.forEach(
        (f, statuses) -> {
          var s = new TreeMap<String, Map<String, Double>>();
          statuses.forEach(
              (status, causes) ->
                  s.put(status, Collections.unmodifiableMap(new TreeMap<>(causes))));
          copy.put(f, Collections.unmodifiableMap(s));
        });
    byCause = Collections.unmodifiableMap(copy);
  }

  /**
   * Counts without a cause dimension, as releases before 2.6.19 record them: function → raw status
   * → count.
   */
  public static RequestCounts ofStatuses(Map<String, Map<String, Double>> byFunction) {
    var withCause = new TreeMap<String, Map<String, Map<String, Double>>>();
    byFunction.forEach(
        (f, s) -> {
          var statuses = new TreeMap<String, Map<String, Double>>();
          s.forEach((status, n) -> statuses.put(status, Map.of("", n)));
          withCause.put(f, statuses);
        });
    return new RequestCounts(withCause);
  }

  /** Function name → raw status → count, summed over causes. */
  public Map<String, Map<String, Double>> byFunction() {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    byCause.forEach(
        (f, statuses) -> {
          Map<String, Double> s = new TreeMap<>();
          statuses.forEach(
              (status, causes) ->
                  s.put(status, causes.values().stream().mapToDouble(Double::doubleValue).sum()));
          out.put(f, Collections.unmodifiableMap(s));
        });
    return Collections.unmodifiableMap(out);
  }

  /** The functions (gRPC methods such as Search, Insert, DescribeCollection) that were called. */
  public Set<String> functions() {
    return byCause.keySet();
  }

  /**
   * The count of {@code function} calls whose status is in {@code status}, whatever the cause; 0
   * when none.
   */
  public double count(String function, RequestStatus status) {
    return sum(function, status, null);
  }

  /**
   * The count of {@code function} calls whose status is in {@code status} and whose recorded cause
   * is {@code cause}; 0 when none, and always 0 on releases that record no cause (before 2.6.19).
   */
  public double count(String function, RequestStatus status, RequestCause cause) {
    return sum(function, status, Objects.requireNonNull(cause, "cause"));
  }

  /**
   * The count of {@code function} calls with exactly the raw status {@code status}, e.g. {@code
   * "fail_input"}; 0 when none.
   */
  public double count(String function, String status) {
    return byCause.getOrDefault(function, Map.of()).getOrDefault(status, Map.of()).values().stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  /** The count of all calls whose status is in {@code status}, over every function. */
  public double count(RequestStatus status) {
    return byCause.keySet().stream().mapToDouble(f -> count(f, status)).sum();
  }

  /**
   * The count of all calls whose status is in {@code status} and whose cause is {@code cause}, over
   * every function.
   */
  public double count(RequestStatus status, RequestCause cause) {
    return byCause.keySet().stream().mapToDouble(f -> count(f, status, cause)).sum();
  }

  private double sum(String function, RequestStatus status, RequestCause cause) {
    double total = 0;
    for (var s : byCause.getOrDefault(function, Map.of()).entrySet()) {
      if (!status.matches(s.getKey())) {
        continue;
      }
      for (var c : s.getValue().entrySet()) {
        Optional<RequestCause> recorded = RequestCause.of(s.getKey(), c.getKey());
        if (cause == null || recorded.equals(Optional.of(cause))) {
          total += c.getValue();
        }
      }
    }
    return total;
  }

  /** Every raw status value seen, over every function. */
  public Set<String> statuses() {
    Set<String> all = new TreeSet<>();
    byCause.values().forEach(s -> all.addAll(s.keySet()));
    return Collections.unmodifiableSet(all);
  }

  /**
   * Every raw cause value seen ({@code user}, {@code system}, {@code cancel}, {@code na}), without
   * the empty one.
   */
  public Set<String> causes() {
    Set<String> all = new TreeSet<>();
    byCause.values().forEach(s -> s.values().forEach(c -> all.addAll(c.keySet())));
    all.remove("");
    return Collections.unmodifiableSet(all);
  }

  /**
   * The raw status values no {@link RequestStatus} matches (a value from a newer Milvus), with
   * their count over every function: counted, never dropped.
   */
  public Map<String, Double> unclassified() {
    Map<String, Double> out = new TreeMap<>();
    byFunction()
        .values()
        .forEach(
            s ->
                s.forEach(
                    (status, n) -> {
                      if (RequestStatus.classify(status).isEmpty()) {
                        out.merge(status, n, Double::sum);
                      }
                    }));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The raw cause values {@link RequestCause} does not know (neither user, system, cancel, {@code
   * na} nor empty), with their count over every function: counted, never dropped.
   */
  public Map<String, Double> unclassifiedCauses() {
    Map<String, Double> out = new TreeMap<>();
    byCause
        .values()
        .forEach(
            s ->
                s.forEach(
                    (status, causes) ->
                        causes.forEach(
                            (cause, n) -> {
                              if (!cause.isEmpty()
                                  && !cause.equals("na")
                                  && RequestCause.of("", cause).isEmpty()) {
                                out.merge(cause, n, Double::sum);
                              }
                            })));
    return Collections.unmodifiableMap(out);
  }
}
