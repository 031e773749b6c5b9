package io.github.milvusmonitored.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitoredDurationTest {

  @ParameterizedTest
  @CsvSource({
    "PT30S,30s",
    "PT1M30S,1m30s",
    "PT0.5S,500ms",
    "PT2H,2h",
    "PT1H0M1S,1h1s",
    "PT10.25S,10s250ms",
    "PT0S,0s"
  })
  void formats_durations_as_prometheus_does(String iso, String expected) {
    assertThat(MonitoredDuration.of(Duration.parse(iso)).toPrometheus()).isEqualTo(expected);
    assertThat(MonitoredDuration.of(Duration.parse(iso))).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "30s,PT30S",
    "1m,PT1M",
    "1m30s,PT1M30S",
    "500ms,PT0.5S",
    "1d,PT24H",
    "1w,PT168H",
    "PT30S,PT30S",
    "pt1m30s,PT1M30S",
    " 5m ,PT5M",
    "0s,PT0S"
  })
  void parses_prometheus_and_iso_durations(String text, String iso) {
    assertThat(MonitoredDuration.parse(text).toDuration()).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "30 s", "1s1m", "abc", "-5s", "PTx", "P"})
  void refuses_text_that_is_no_duration(String text) {
    assertThatThrownBy(() -> MonitoredDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a duration. Use forms like 30s, 1m30s, 500ms or PT30S.");
  }

  @Test
  void refuses_null_as_no_duration() {
    assertThatThrownBy(() -> MonitoredDuration.parse(null))
        .hasMessage("'null' is not a duration. Use forms like 30s, 1m30s, 500ms or PT30S.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "144115188075855873h",
        "99999999999999999999s",
        "300y",
        "9223372036854775807ms",
        "PT2562047788015216H",
        "PT9223372036854775807S"
      })
  void refuses_a_duration_longer_than_prometheus_holds_instead_of_wrapping_it(String text) {
    assertThatThrownBy(() -> MonitoredDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + text
                + "' is longer than any duration Prometheus accepts (about 292 years, int64"
                + " nanoseconds). Use forms like 30s, 1m30s, 500ms or PT30S.");
  }

  @Test
  void refuses_negative_iso_durations_and_durations() {
    assertThatThrownBy(() -> MonitoredDuration.parse("-PT5S"))
        .hasMessage(
            "'-PT5S' is negative; a duration here is zero or longer. Use forms like 30s, 1m30s, 500ms or"
                + " PT30S.");
    assertThatThrownBy(() -> MonitoredDuration.of(Duration.ofSeconds(-2)))
        .hasMessageStartingWith("'-2 s' is negative");
    assertThatThrownBy(() -> MonitoredDuration.of(Duration.ofDays(300 * 365)))
        .hasMessageStartingWith("'9460800000 s' is longer than any duration Prometheus accepts");
  }

  @Test
  void the_longest_duration_prometheus_holds_is_read() {
    assertThat(MonitoredDuration.parse("292y").toDuration()).isEqualTo(Duration.ofDays(292 * 365));
  }

  @ParameterizedTest
  @CsvSource({
    "PT15S,15 s",
    "PT0.5S,0.5 s",
    "PT1.25S,1.25 s",
    "PT1M30S,90 s",
    "PT0S,0 s",
    "-PT1.5S,-1.5 s"
  })
  void human_text_is_seconds_with_the_digits_needed(String iso, String expected) {
    assertThat(MonitoredDuration.humanText(Duration.parse(iso))).isEqualTo(expected);
  }

  @Test
  void human_text_of_null_reads_null() {
    assertThat(MonitoredDuration.humanText(null)).isEqualTo("null");
  }

  @Test
  void equal_durations_are_equal_and_ordered() {
    assertThat(MonitoredDuration.parse("90s"))
        .isEqualTo(MonitoredDuration.parse("1m30s"))
        .hasSameHashCodeAs(MonitoredDuration.parse("PT1M30S"));
    assertThat(MonitoredDuration.parse("1m")).isLessThan(MonitoredDuration.parse("61s"));
    assertThat(MonitoredDuration.parse("0s").isPositive()).isFalse();
  }
}
