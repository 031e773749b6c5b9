package io.github.milvusmonitored.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.assertions.Observation;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.Labels;
import io.github.milvusmonitored.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private static SvgChart.Point at(int second, double value) {
    return new SvgChart.Point(T0.plusSeconds(second), value);
  }

  private static int count(String text, String part) {
    return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }

  @Test
  void draws_one_polyline_per_series_with_escaped_legend_and_time_labels() {
    String svg =
        SvgChart.render(
            "rate(x[1m]) < 5",
            List.of(
                new SvgChart.Series("x{status=\"ok\"}", List.of(at(0, 1), at(30, 2), at(60, 3))),
                new SvgChart.Series("x{status=\"fail\"}", List.of(at(0, 0), at(60, 1)))),
            T0,
            T0.plusSeconds(60));

    assertThat(count(svg, "<polyline ")).isEqualTo(2);
    assertThat(svg)
        .contains("x{status=&quot;ok&quot;}", "x{status=&quot;fail&quot;}", "rate(x[1m]) &lt; 5")
        .contains(">10:00:00<", ">10:01:00<", ">0.000<", ">3.000<")
        .endsWith("</svg>\n");
  }

  @Test
  void breaks_a_series_at_nan_and_marks_an_isolated_point() {
    String svg =
        SvgChart.render(
            "q",
            List.of(
                new SvgChart.Series(
                    "s",
                    List.of(
                        at(0, 1),
                        at(10, 2),
                        at(20, Double.NaN),
                        at(30, 2),
                        at(40, 1),
                        at(50, Double.NaN),
                        at(60, 4)))),
            T0,
            T0.plusSeconds(60));

    assertThat(count(svg, "<polyline ")).isEqualTo(2);
    assertThat(count(svg, "<circle ")).isEqualTo(1);
  }

  @Test
  void says_so_when_there_is_no_series() {
    assertThat(SvgChart.render("q", List.of(), T0, T0.plusSeconds(1)))
        .contains("The query returned no series in this window.");
  }

  @Test
  void observations_become_series_with_gaps_where_a_series_was_missing() {
    Labels a = Labels.of(Map.of("status", "a"));
    Labels b = Labels.of(Map.of("status", "b"));
    List<Observation> seen =
        List.of(
            new Observation(T0, Optional.of(vector(new Sample(a, T0, 1))), Optional.empty()),
            new Observation(
                T0.plusSeconds(1), Optional.empty(), Optional.of("Prometheus unavailable")),
            new Observation(
                T0.plusSeconds(2),
                Optional.of(vector(new Sample(a, T0, 2), new Sample(b, T0, 5))),
                Optional.empty()));

    List<SvgChart.Series> series = FailureReport.fromObservations(seen);

    assertThat(series)
        .extracting(SvgChart.Series::label)
        .containsExactly("{status=\"a\"}", "{status=\"b\"}");
    assertThat(series.get(0).points())
        .extracting(SvgChart.Point::value)
        .containsExactly(1.0, Double.NaN, 2.0);
    assertThat(series.get(1).points())
        .extracting(SvgChart.Point::value)
        .containsExactly(Double.NaN, Double.NaN, 5.0);
  }

  @Test
  void step_gives_about_two_hundred_points() {
    assertThat(FailureReport.step(T0, T0.plusSeconds(600))).isEqualTo(Duration.ofSeconds(3));
    assertThat(FailureReport.step(T0, T0.plusMillis(10))).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void milvus_sdk_is_absent_for_a_class_loader_without_it() {
    assertThat(MilvusSdk.isPresent(getClass().getClassLoader())).isTrue();
    assertThat(MilvusSdk.isPresent(new java.net.URLClassLoader(new java.net.URL[0], null)))
        .isFalse();
  }

  private static InstantVector vector(Sample... samples) {
    return new InstantVector("q", List.of(samples), List.of(), List.of());
  }
}
