package io.github.milvusmonitored.testing;

/**
 * Histogram bucket bounds Milvus uses, chosen per family the way Milvus's own code chooses them.
 */
final class MilvusBuckets {

  /**
   * Milvus's default latency buckets in milliseconds: 1, 2, 4, ... 131072 (18 exponential buckets).
   */
  static final double[] MILLISECONDS = exponential(1, 2, 18);

  /** Milvus's byte-size buckets. */
  static final double[] BYTES = {1e4, 1e5, 1e6, 1e8, 5e8, 1.024e9, 2.048e9, 4.096e9, 1e10, 5e10};

  /** Seconds buckets of the C++ segcore registry, 10 µs to 10 s. */
  static final double[] SECONDS = {
    1e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1, 2, 5, 10
  };

  /** Ratio and count buckets of the knowhere C++ histograms. */
  static final double[] KNOWHERE = {
    0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000
  };

  private MilvusBuckets() {}

  static double[] forFamily(String name) {
    if (name.startsWith("internal_")) {
      return name.contains("bytes") || name.contains("size") ? BYTES : SECONDS;
    }
    if (!name.startsWith("milvus_")) {
      return KNOWHERE;
    }
    return name.endsWith("_size") || name.contains("_bytes") ? BYTES : MILLISECONDS;
  }

  private static double[] exponential(double start, double factor, int count) {
    double[] bounds = new double[count];
    for (int i = 0; i < count; i++) {
      bounds[i] = start * Math.pow(factor, i);
    }
    return bounds;
  }
}
