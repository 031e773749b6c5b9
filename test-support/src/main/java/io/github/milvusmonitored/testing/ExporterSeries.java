package io.github.milvusmonitored.testing;

import java.util.Arrays;
import java.util.Map;

/**
 * The mutable state of one series (one label combination) of the test exporter; guarded by the
 * registry.
 */
abstract sealed class ExporterSeries {

  static ExporterSeries create(MetricFamilySpec spec) {
    return switch (spec.type()) {
      case COUNTER, GAUGE -> new Scalar();
      case HISTOGRAM -> new Histogram(MilvusBuckets.forFamily(spec.name()));
      case SUMMARY -> new Summary();
    };
  }

  /** A counter or gauge value. */
  static final class Scalar extends ExporterSeries {
    double value;
  }

  /** Per-bucket counts (not cumulative; the writer accumulates), sum and count. */
  static final class Histogram extends ExporterSeries {
    final double[] upperBounds;
    final long[] bucketCounts;
    double sum;
    long count;

    Histogram(double[] upperBounds) {
      this.upperBounds = upperBounds.clone();
      this.bucketCounts = new long[upperBounds.length];
    }

    void observe(double value) {
      int index = Arrays.binarySearch(upperBounds, value);
      int bucket = index >= 0 ? index : -index - 1;
      if (bucket < bucketCounts.length) {
        bucketCounts[bucket]++;
      }
      sum += value;
      count++;
    }
  }

  /** A Go runtime summary: fixed quantiles, sum and count. */
  static final class Summary extends ExporterSeries {
    Map<Double, Double> quantiles =
        Map.of(0.0, 1.1e-5, 0.25, 2.3e-5, 0.5, 3.4e-5, 0.75, 5.2e-5, 1.0, 4.1e-4);
    double sum = 0.0019;
    long count = 37;
  }
}
