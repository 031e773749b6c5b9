package io.github.milvusmonitored.prometheus;

import java.util.List;

/**
 * The answer to a range query.
 *
 * @param query the PromQL that produced it
 * @param series every series with its points
 * @param warnings Prometheus's warnings, if any
 * @param infos Prometheus's infos (3.x), if any
 */
public record RangeMatrix(
    String query, List<RangeSeries> series, List<String> warnings, List<String> infos) {
  public RangeMatrix {
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** Whether no series matched. */
  public boolean isEmpty() {
    return series.isEmpty();
  }
}
