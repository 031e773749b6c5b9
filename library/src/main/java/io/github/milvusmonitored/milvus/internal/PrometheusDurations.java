package io.github.milvusmonitored.milvus.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts between {@link Duration} and the duration strings the Prometheus operator accepts. */
public final class PrometheusDurations {

  private static final Pattern FORMAT = Pattern.compile(
      "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] UNIT_MILLIS = {
      365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000,
      1000L, 1L};

  /** Prometheus holds a duration in int64 nanoseconds: about 292 years. */
  static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

  private PrometheusDurations() {
  }

  /** Formats a positive duration as e.g. {@code 30s}, {@code 1m30s} or {@code 500ms}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    StringBuilder text = new StringBuilder();
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long seconds = millis / 1000 % 60;
    long rest = millis % 1000;
    append(text, hours, "h");
    append(text, minutes, "m");
    append(text, seconds, "s");
    append(text, rest, "ms");
    return text.length() == 0 ? "0s" : text.toString();
  }

  /**
   * Parses a Prometheus duration string such as {@code 30s} or {@code 1m30s}.
   *
   * @throws IllegalArgumentException when the text is not a Prometheus duration
   */
  public static Duration parse(String text) {
    Matcher matcher = FORMAT.matcher(text == null ? "" : text.trim());
    if (text == null || text.isBlank() || !matcher.matches()) {
      throw new IllegalArgumentException(MilvusErrors.notPrometheusDuration(text));
    }
    long millis = 0;
    try {
      for (int group = 1; group <= UNIT_MILLIS.length; group++) {
        String amount = matcher.group(group);
        if (amount != null) {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[group - 1]));
        }
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      throw new IllegalArgumentException(MilvusErrors.prometheusDurationOutOfRange(text));
    }
    if (millis > MAX_MILLIS) {
      throw new IllegalArgumentException(MilvusErrors.prometheusDurationOutOfRange(text));
    }
    return Duration.ofMillis(millis);
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
