package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.assertions.DashboardAssertionError;
import io.github.milvusmonitored.assertions.MetricAssertionError;
import io.github.milvusmonitored.assertions.Observation;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.prometheus.Labels;
import io.github.milvusmonitored.prometheus.RangeMatrix;
import io.github.milvusmonitored.prometheus.RangeSeries;
import io.github.milvusmonitored.prometheus.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what explains a failed test into its folder: the environment's diagnostics and, for a
 * metric assertion, a chart of every series its PromQL returned during the test; for a dashboard
 * assertion, the audit's report.
 */
final class FailureReport {

  private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

  /** Charts show at least this much history, so a test that failed at once still shows a trend. */
  static final Duration MINIMUM_WINDOW = Duration.ofSeconds(30);

  static final int TARGET_POINTS = 200;

  private FailureReport() {}

  /**
   * Writes the report for {@code failure} of a test that started at {@code testStart}; returns the
   * folder.
   */
  static Path write(
      MonitoredEnvironment environment, Path folder, Throwable failure, Instant testStart) {
    Instant end = Instant.now();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the diagnostics folder " + folder, e);
    }
    try {
      environment.writeDiagnostics(folder);
    } catch (RuntimeException e) {
      LOG.warn("Writing the environment diagnostics into {} failed: {}", folder, e.toString());
    }
    Optional<MetricAssertionError> metricError = metricAssertion(failure);
    if (metricError.isPresent()) {
      Instant start = earliest(testStart, end.minus(MINIMUM_WINDOW));
      writeChart(environment, folder, metricError.get(), start, end);
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DashboardAssertionError dashboard && dashboard.audit() != null) {
        dashboard.audit().writeReport(folder);
        break;
      }
    }
    return folder;
  }

  /** The metric assertion among {@code failure} and its causes. */
  static Optional<MetricAssertionError> metricAssertion(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MetricAssertionError error) {
        return Optional.of(error);
      }
    }
    return Optional.empty();
  }

  /**
   * A step giving about {@link #TARGET_POINTS} points over the window, at least one millisecond.
   */
  static Duration step(Instant start, Instant end) {
    return Duration.ofMillis(Math.max(1, Duration.between(start, end).toMillis() / TARGET_POINTS));
  }

  private static void writeChart(
      MonitoredEnvironment environment,
      Path folder,
      MetricAssertionError error,
      Instant start,
      Instant end) {
    List<SvgChart.Series> series;
    String source;
    try {
      RangeMatrix matrix =
          environment.prometheus().queryRange(error.promql(), start, end, step(start, end));
      series = matrix.series().stream().map(FailureReport::toChartSeries).toList();
      source = "range query";
    } catch (RuntimeException e) {
      LOG.warn(
          "Range query for the failure chart failed ({}); drawing the assertion's own observations",
          e.toString());
      series = fromObservations(error.observations());
      source = "assertion observations";
    }
    String title = error.promql() + "  (" + source + ", expected " + error.expectation() + ")";
    try {
      Files.writeString(
          folder.resolve("metric-assertion.svg"), SvgChart.render(title, series, start, end));
      Files.writeString(
          folder.resolve("metric-assertion.txt"),
          "PromQL: "
              + error.promql()
              + "\nExpected: "
              + error.expectation()
              + "\nWaited: "
              + error.waited()
              + "\nChart: "
              + source
              + ", "
              + series.size()
              + " series from "
              + start
              + " to "
              + end
              + "\n\n"
              + error.getMessage()
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the metric chart into " + folder, e);
    }
  }

  private static SvgChart.Series toChartSeries(RangeSeries series) {
    return new SvgChart.Series(
        series.labels().toString(),
        series.points().stream().map(p -> new SvgChart.Point(p.timestamp(), p.value())).toList());
  }

  /** Turns the assertion's answers into series; an answer without a series leaves a gap in it. */
  static List<SvgChart.Series> fromObservations(List<Observation> observations) {
    Map<Labels, List<SvgChart.Point>> points = new LinkedHashMap<>();
    for (Observation observation : observations) {
      observation
          .result()
          .ifPresent(
              v -> v.samples().forEach(s -> points.putIfAbsent(s.labels(), new ArrayList<>())));
    }
    for (Observation observation : observations) {
      Map<Labels, Double> answer =
          observation
              .result()
              .map(
                  v ->
                      v.samples().stream()
                          .collect(Collectors.toMap(Sample::labels, Sample::value, (a, b) -> a)))
              .orElse(Map.of());
      points.forEach(
          (labels, list) ->
              list.add(
                  new SvgChart.Point(observation.at(), answer.getOrDefault(labels, Double.NaN))));
    }
    return points.entrySet().stream()
        .map(e -> new SvgChart.Series(e.getKey().toString(), e.getValue()))
        .toList();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
