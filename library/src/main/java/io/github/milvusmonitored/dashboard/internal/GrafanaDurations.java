package io.github.milvusmonitored.dashboard.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Grafana and Prometheus write them ({@code 30s}, {@code 5m}, {@code 1h30m}), and the
 * interval rounding Grafana applies to {@code $__interval}.
 */
public final class GrafanaDurations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
  // Grafana's roundInterval (rangeutil.ts), as read from its source: the upper bound of each band
  // (ms) and its value.
  private static final long[][] BANDS = {
    {10, 1},
    {15, 10},
    {35, 20},
    {75, 50},
    {150, 100},
    {350, 200},
    {750, 500},
    {1_500, 1_000},
    {3_500, 2_000},
    {7_500, 5_000},
    {12_500, 10_000},
    {17_500, 15_000},
    {25_000, 20_000},
    {45_000, 30_000},
    {90_000, 60_000},
    {210_000, 120_000},
    {450_000, 300_000},
    {750_000, 600_000},
    {1_050_000, 900_000},
    {1_500_000, 1_200_000},
    {2_700_000, 1_800_000},
    {5_400_000, 3_600_000},
    {9_000_000, 7_200_000},
    {16_200_000, 10_800_000},
    {32_400_000, 21_600_000},
    {86_400_000, 43_200_000},
    {604_800_000, 86_400_000}
  };

  private GrafanaDurations() {}

  /**
   * Parses {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}; a bare number counts as seconds.
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.strip();
    long millis = 0;
    int end = 0;
    Matcher m = PART.matcher(t);
    try {
      if (t.matches("\\d+")) {
        return Duration.ofMillis(Math.multiplyExact(Long.parseLong(t), 1_000L));
      }
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        millis =
            Math.addExact(
                millis,
                Math.multiplyExact(
                    n,
                    switch (m.group(2)) {
                      case "ms" -> 1L;
                      case "s" -> 1_000L;
                      case "m" -> 60_000L;
                      case "h" -> 3_600_000L;
                      case "d" -> 86_400_000L;
                      case "w" -> 604_800_000L;
                      default -> 31_536_000_000L;
                    }));
        end = m.end();
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      throw new IllegalArgumentException(
          "Duration '"
              + text
              + "' is too long to count in milliseconds"
              + " (expected e.g. 30s, 5m, 1h30m)");
    }
    if (t.isEmpty() || end != t.length()) {
      throw new IllegalArgumentException(
          "Not a duration: '" + text + "' (expected e.g. 30s, 5m, 1h30m)");
    }
    return Duration.ofMillis(millis);
  }

  /** Grafana's rounding of a computed interval to a "nice" one (1 ms ... 1 week). */
  public static Duration round(Duration interval) {
    long ms = interval.toMillis();
    for (long[] band : BANDS) {
      if (ms < band[0]) {
        return Duration.ofMillis(band[1]);
      }
    }
    return Duration.ofMillis(604_800_000L);
  }

  /** Prometheus duration text: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 90s}, {@code 1h}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
