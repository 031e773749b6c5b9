package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;

/**
 * Reads durations of the annotation, properties and environment through {@link MonitoredDuration}.
 */
final class DurationText {

  private DurationText() {}

  /**
   * The duration, or {@link IllegalArgumentException} when the text is no duration or not positive.
   */
  static Duration parse(String text) {
    MonitoredDuration parsed = MonitoredDuration.parse(text);
    if (!parsed.isPositive()) {
      throw new IllegalArgumentException("not positive");
    }
    return parsed.toDuration();
  }

  /** Prometheus style text for the effective-configuration table. */
  static String format(Duration duration) {
    return MonitoredDuration.of(duration).toPrometheus();
  }
}
