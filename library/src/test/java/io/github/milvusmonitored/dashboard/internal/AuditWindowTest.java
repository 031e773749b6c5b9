package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditWindowTest {

  private static final Instant END = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void the_interval_is_the_rounded_range_per_point_never_below_the_minimum() {
    AuditWindow hour =
        new AuditWindow(END.minus(Duration.ofHours(1)), END, 1000, Duration.ofSeconds(15));
    assertThat(hour.interval("", 0))
        .isEqualTo(Duration.ofSeconds(15)); // 3.6 s rounds to 5 s, below 15 s
    assertThat(hour.interval("", 100)).isEqualTo(Duration.ofSeconds(30)); // 36 s rounds to 30 s
    assertThat(hour.interval("1m", 0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(hour.interval(">2m", 0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(hour.step(Duration.ofSeconds(15), 2)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void built_ins_follow_grafana() {
    AuditWindow window =
        new AuditWindow(END.minus(Duration.ofMinutes(15)), END, 1000, Duration.ofSeconds(30));
    var b = window.builtIns(Duration.ofSeconds(30));
    assertThat(b)
        .containsEntry("__interval", "30s")
        .containsEntry("__interval_ms", "30000")
        .containsEntry("__rate_interval", "2m")
        .containsEntry("__range", "900s")
        .containsEntry("__range_s", "900")
        .containsEntry("__range_ms", "900000");
    assertThat(window.builtIns(Duration.ofMinutes(5))).containsEntry("__rate_interval", "330s");
  }

  @Test
  void parses_and_formats_durations() {
    assertThat(GrafanaDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GrafanaDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GrafanaDurations.parse("20")).isEqualTo(Duration.ofSeconds(20));
    assertThat(GrafanaDurations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(GrafanaDurations.round(Duration.ofMillis(12_000))).isEqualTo(Duration.ofSeconds(10));
    assertThat(GrafanaDurations.round(Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> GrafanaDurations.parse("5 minutes"))
        .hasMessage("Not a duration: '5 minutes' (expected" + " e.g. 30s, 5m, 1h30m)");
    assertThatThrownBy(() -> GrafanaDurations.parse("144115188075855873h"))
        .hasMessage(
            "Duration '144115188075855873h'"
                + " is too long to count in milliseconds (expected e.g. 30s, 5m, 1h30m)");
    assertThatThrownBy(() -> GrafanaDurations.parse("99999999999999999999"))
        .hasMessage(
            "Duration"
                + " '99999999999999999999' is too long to count in milliseconds (expected e.g. 30s, 5m, 1h30m)");
  }
}
