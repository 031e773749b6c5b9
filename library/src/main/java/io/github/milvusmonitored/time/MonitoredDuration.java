package io.github.milvusmonitored.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as the library reads and writes it: Prometheus's form ({@code 30s}, {@code 1m30s},
 * {@code 500ms}, {@code 2d}) or ISO-8601 ({@code PT30S}) in, Prometheus's form and human text out.
 *
 * <p>Every value lies between zero and the longest duration Prometheus holds (int64 nanoseconds,
 * about 292 years); text beyond that is refused instead of wrapping around.
 *
 * <pre>{@code
 * MonitoredDuration interval = MonitoredDuration.parse("1m30s");
 * interval.toDuration();   // PT1M30S
 * interval.toPrometheus(); // "1m30s"
 * interval.toHumanText();  // "90 s"
 * }</pre>
 */
public final class MonitoredDuration implements Comparable<MonitoredDuration> {

  /** The longest duration Prometheus accepts: {@link Long#MAX_VALUE} nanoseconds. */
  public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  private static final Pattern PROMETHEUS =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600 * 1000,
    7L * 24 * 3600 * 1000,
    24L * 3600 * 1000,
    3600L * 1000,
    60L * 1000,
    1000L,
    1L
  };

  private final Duration value;

  private MonitoredDuration(Duration value) {
    this.value = value;
  }

  /**
   * Reads {@code text} in Prometheus's form ({@code 30s}, {@code 1h30m}, {@code 250ms}, units y w d
   * h m s ms in that order) or ISO-8601 ({@code PT30S}).
   *
   * @throws IllegalArgumentException naming the text when it is neither form, negative or longer
   *     than {@link #MAX}
   */
  public static MonitoredDuration parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(DurationTexts.notADuration(text));
    }
    if (value.regionMatches(true, 0, "P", 0, 1)
        || value.regionMatches(true, 0, "-P", 0, 2)
        || value.regionMatches(true, 0, "+P", 0, 2)) {
      return parseIso(text, value);
    }
    Matcher matcher = PROMETHEUS.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(DurationTexts.notADuration(text));
    }
    long millis = 0;
    try {
      for (int group = 1; group <= UNIT_MILLIS.length; group++) {
        String amount = matcher.group(group);
        if (amount != null) {
          millis =
              Math.addExact(
                  millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[group - 1]));
        }
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      throw new IllegalArgumentException(DurationTexts.tooLong(text));
    }
    if (millis > MAX.toMillis()) {
      throw new IllegalArgumentException(DurationTexts.tooLong(text));
    }
    return new MonitoredDuration(Duration.ofMillis(millis));
  }

  /**
   * The given duration.
   *
   * @throws IllegalArgumentException when it is negative or longer than {@link #MAX}
   */
  public static MonitoredDuration of(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(DurationTexts.negative(humanText(duration)));
    }
    if (duration.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(DurationTexts.tooLong(humanText(duration)));
    }
    return new MonitoredDuration(duration);
  }

  /**
   * A duration as people read it in messages, in seconds with no more digits than it needs: {@code
   * 15 s}, {@code 0.5 s}, {@code 90 s}; never the ISO form {@code PT15S}. {@code null} gives {@code
   * "null"}, so a message about a missing value still reads.
   */
  public static String humanText(Duration duration) {
    if (duration == null) {
      return "null";
    }
    BigDecimal seconds =
        BigDecimal.valueOf(duration.getSeconds())
            .add(BigDecimal.valueOf(duration.getNano() / 1_000_000, 3));
    return seconds.stripTrailingZeros().toPlainString() + " s";
  }

  /** This duration as a {@link Duration}. */
  public Duration toDuration() {
    return value;
  }

  /**
   * Prometheus's form, as its configuration and the operator take it: {@code 30s}, {@code 1m30s},
   * {@code 500ms}.
   */
  public String toPrometheus() {
    long millis = value.toMillis();
    StringBuilder text = new StringBuilder();
    append(text, millis / 3_600_000, "h");
    append(text, millis / 60_000 % 60, "m");
    append(text, millis / 1000 % 60, "s");
    append(text, millis % 1000, "ms");
    return text.length() == 0 ? "0s" : text.toString();
  }

  /** Seconds as people read them in messages: {@code 90 s}, {@code 0.25 s}. */
  public String toHumanText() {
    return humanText(value);
  }

  /** Whether this duration is longer than zero. */
  public boolean isPositive() {
    return !value.isZero();
  }

  @Override
  public int compareTo(MonitoredDuration other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MonitoredDuration that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Prometheus's form, as {@link #toPrometheus()}. */
  @Override
  public String toString() {
    return toPrometheus();
  }

  private static MonitoredDuration parseIso(String text, String value) {
    Duration parsed;
    try {
      parsed = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          e.getCause() instanceof ArithmeticException
              ? DurationTexts.tooLong(text)
              : DurationTexts.notADuration(text));
    }
    if (parsed.isNegative()) {
      throw new IllegalArgumentException(DurationTexts.negative(text));
    }
    if (parsed.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(DurationTexts.tooLong(text));
    }
    return new MonitoredDuration(parsed);
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
