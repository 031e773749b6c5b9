package io.github.milvusmonitored.milvus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusDurationsTest {

  @ParameterizedTest
  @CsvSource({"PT30S,30s", "PT1M30S,1m30s", "PT0.5S,500ms", "PT2H,2h", "PT1H0M1S,1h1s", "PT10.25S,10s250ms"})
  void formats_durations_as_prometheus_does(String iso, String expected) {
    assertThat(PrometheusDurations.format(Duration.parse(iso))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"30s,PT30S", "1m,PT1M", "1m30s,PT1M30S", "500ms,PT0.5S", "1d,PT24H", "1w,PT168H"})
  void parses_prometheus_durations(String text, String iso) {
    assertThat(PrometheusDurations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "30 s", "1s1m", "abc", "-5s"})
  void refuses_text_that_is_not_a_prometheus_duration(String text) {
    assertThatThrownBy(() -> PrometheusDurations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a Prometheus duration. Use forms like 30s, 1m or 1m30s.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"144115188075855873h", "99999999999999999999s", "300y", "9223372036854775807ms"})
  void refuses_a_duration_longer_than_prometheus_holds_instead_of_wrapping_it(String text) {
    assertThatThrownBy(() -> PrometheusDurations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is longer than any duration Prometheus accepts (about 292 years, int64"
            + " nanoseconds). Use forms like 30s, 1m or 1m30s.");
  }

  @Test
  void the_longest_duration_prometheus_holds_is_read() {
    assertThat(PrometheusDurations.parse("292y")).isEqualTo(Duration.ofDays(292 * 365));
  }
}
