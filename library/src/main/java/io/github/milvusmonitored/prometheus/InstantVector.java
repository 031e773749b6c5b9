package io.github.milvusmonitored.prometheus;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The answer to an instant query: zero or more samples, plus Prometheus's warnings and infos.
 *
 * <pre>{@code
 * InstantVector v = client.query("sum by (status) (milvus_proxy_req_count)");
 * double total = v.single().value();
 * }</pre>
 *
 * @param query the PromQL that produced it
 * @param samples the samples, in the order Prometheus returned them
 * @param warnings Prometheus's warnings, if any
 * @param infos Prometheus's infos (3.x), if any
 */
public record InstantVector(
    String query, List<Sample> samples, List<String> warnings, List<String> infos) {
  public InstantVector {
    samples = List.copyOf(samples);
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** Whether no series matched. */
  public boolean isEmpty() {
    return samples.isEmpty();
  }

  /** Number of series. */
  public int size() {
    return samples.size();
  }

  /**
   * The only sample.
   *
   * @throws IllegalStateException when there are none or several, naming the query and the series
   */
  public Sample single() {
    if (samples.size() != 1) {
      throw new IllegalStateException(
          "Expected exactly one series from '"
              + query
              + "' but got "
              + samples.size()
              + (samples.isEmpty()
                  ? " (no series matched: the metric may not be scraped yet)"
                  : ": " + samples + ". Aggregate with sum(...) or filter by labels."));
    }
    return samples.get(0);
  }

  /** The value of the only sample, or empty when no series matched. Several series are an error. */
  public OptionalDouble singleValue() {
    return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(single().value());
  }

  /** The first sample whose labels satisfy {@code filter}. */
  public Optional<Sample> find(Predicate<Labels> filter) {
    return samples.stream().filter(s -> filter.test(s.labels())).findFirst();
  }

  /** Sum of all sample values (0 when empty). */
  public double sum() {
    return samples.stream().mapToDouble(Sample::value).sum();
  }
}
