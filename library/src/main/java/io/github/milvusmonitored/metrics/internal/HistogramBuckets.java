package io.github.milvusmonitored.metrics.internal;

import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.Sample;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads the cumulative buckets of one histogram, one sample per {@code le}, as {@code sum by (le)}
 * gives them.
 */
public final class HistogramBuckets {

  private HistogramBuckets() {}

  /**
   * The lower bound of the lowest bucket that holds an observation (0 below the lowest upper bound,
   * as Prometheus assumes): where Prometheus's interpolation puts rank 0. Empty when the buckets
   * hold no observation or have no {@code +Inf} bucket.
   */
  public static OptionalDouble lowestObservedBound(InstantVector buckets) {
    List<Sample> sorted =
        buckets.samples().stream()
            .filter(s -> s.labels().find("le").isPresent())
            .sorted(Comparator.comparingDouble(HistogramBuckets::upperBound))
            .toList();
    if (sorted.isEmpty()
        || upperBound(sorted.get(sorted.size() - 1)) != Double.POSITIVE_INFINITY
        || !(sorted.get(sorted.size() - 1).value() > 0)) {
      return OptionalDouble.empty();
    }
    double lower = Math.min(0, upperBound(sorted.get(0)));
    for (Sample bucket : sorted) {
      if (bucket.value() > 0) {
        return OptionalDouble.of(lower);
      }
      lower = upperBound(bucket);
    }
    return OptionalDouble.empty();
  }

  private static double upperBound(Sample bucket) {
    return SampleValues.parse(bucket.labels().find("le").orElseThrow());
  }
}
