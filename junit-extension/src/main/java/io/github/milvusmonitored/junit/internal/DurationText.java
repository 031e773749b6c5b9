package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.milvus.internal.PrometheusDurations;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Parses durations written either as ISO-8601 ({@code PT30S}) or Prometheus style ({@code 30s}, {@code 1m30s}). */
final class DurationText {

  private DurationText() {
  }

  /** The duration, or {@link IllegalArgumentException} when the text is neither form or not positive. */
  static Duration parse(String text) {
    String value = text.strip();
    Duration parsed;
    if (value.regionMatches(true, 0, "P", 0, 1) || value.regionMatches(true, 0, "-P", 0, 2)) {
      try {
        parsed = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration");
      }
    } else {
      parsed = PrometheusDurations.parse(value);
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw new IllegalArgumentException("not positive");
    }
    return parsed;
  }

  /** Prometheus style text for the effective-configuration table. */
  static String format(Duration duration) {
    return PrometheusDurations.format(duration);
  }
}
