package io.github.milvusmonitored.prometheus;

import java.time.Instant;
import java.util.List;

/**
 * One series of a range query: its labels and its points in time order.
 *
 * @param labels the series' labels
 * @param points the values at each step
 */
public record RangeSeries(Labels labels, List<Point> points) {
  public RangeSeries {
    points = List.copyOf(points);
  }

  /** One value at one instant. */
  public record Point(Instant timestamp, double value) {}

  @Override
  public String toString() {
    return labels + " (" + points.size() + " points)";
  }
}
