package io.github.milvusmonitored.prometheus;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one series at one instant, as Prometheus answered an instant query.
 *
 * <p>{@code value} may be {@link Double#NaN} or infinite: Prometheus sends them as "NaN", "+Inf"
 * and "-Inf" and they are kept exactly.
 *
 * @param labels the series' labels
 * @param timestamp the evaluation instant, millisecond precision
 * @param value the sample value
 */
public record Sample(Labels labels, Instant timestamp, double value) {
  public Sample {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Shorthand for {@code labels().get(name)}. */
  public String label(String name) {
    return labels.get(name);
  }

  @Override
  public String toString() {
    return labels + " = " + SampleValues.format(value);
  }
}
