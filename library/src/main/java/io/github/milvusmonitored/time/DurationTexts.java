package io.github.milvusmonitored.time;

/** The messages of {@link MonitoredDuration}, in one place. */
final class DurationTexts {

  private static final String FORMS = " Use forms like 30s, 1m30s, 500ms or PT30S.";

  private DurationTexts() {}

  static String notADuration(String text) {
    return "'" + text + "' is not a duration." + FORMS;
  }

  static String tooLong(String text) {
    return "'"
        + text
        + "' is longer than any duration Prometheus accepts (about 292 years, int64 nanoseconds)."
        + FORMS;
  }

  static String negative(String text) {
    return "'" + text + "' is negative; a duration here is zero or longer." + FORMS;
  }
}
