package io.github.milvusmonitored.junit;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatDashboard;
import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.assertions.DashboardAssertionError;
import io.github.milvusmonitored.assertions.MetricAssertionError;
import io.github.milvusmonitored.dashboard.DashboardAuditor;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.junit.internal.DiagnosticsLocation;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureDiagnosticsTest {

  static final String REQUESTS_BY_STATUS =
      "sum by (status) (milvus_proxy_req_count{namespace=\"milvus\"})";

  @MilvusMonitored
  static class FailingMetricAssertion {
    @Test
    void expects_an_impossible_request_count(MilvusMetrics metrics) {
      metrics.awaitSample(
          REQUESTS_BY_STATUS + " and on() count(" + REQUESTS_BY_STATUS + ") >= 3",
          Duration.ofSeconds(30));
      assertThatMetric(metrics, REQUESTS_BY_STATUS)
          .eventually(Duration.ofSeconds(3))
          .everySeries()
          .isGreaterThan(1e12);
    }
  }

  @MilvusMonitored
  static class FailingDashboardAssertion {
    @Test
    void expects_a_renamed_metric_on_the_dashboard(MilvusMetrics metrics) {
      GrafanaDashboard dashboard =
          GrafanaDashboard.parse(
              """
          {"title": "Renamed", "panels": [{"type": "stat", "title": "Has collection", "targets": [{"refId": "A",
            "expr": "sum(milvus_rootcoord_has_collection_total{namespace=\\"$namespace\\"})"}]}]}""",
              "inline");
      assertThatDashboard(DashboardAuditor.create(metrics).audit(dashboard))
          .hasNoPanelsWithoutData();
    }
  }

  @MilvusMonitored
  static class FailingPlainAssertion {
    @Test
    void fails_without_metrics() {
      assertThat(1).isEqualTo(2);
    }

    @Test
    void is_aborted() {
      Assumptions.assumeTrue(false, "not here");
    }
  }

  private static Map<String, String> reportsIn(Path folder) {
    return Map.of("milvus.monitored.reportDirectory", folder.toString());
  }

  @Test
  void failed_metric_assertion_writes_diagnostics_and_a_chart_and_points_to_them(
      @TempDir Path reports) throws IOException {
    FakeEnvironmentFactory.reset(Duration.ZERO);
    SharedPrometheus.get()
        .exporter()
        .traffic()
        .insert("books", 10)
        .search("books", Duration.ofMillis(7))
        .failedRequest("Search", "books", "fail");

    var results = EngineRuns.run(EngineRuns.host(reportsIn(reports)), FailingMetricAssertion.class);

    Throwable failure = EngineRuns.firstFailure(results);
    assertThat(failure).isInstanceOf(MetricAssertionError.class);
    Path folder =
        reports
            .resolve("FailureDiagnosticsTest$FailingMetricAssertion")
            .resolve("expects_an_impossible_request_count")
            .toAbsolutePath()
            .normalize();
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOfSatisfying(
            DiagnosticsLocation.class, location -> assertThat(location.folder()).isEqualTo(folder));
    assertThat(stackTrace(failure))
        .contains(
            "Diagnostics of this failure (cluster state, Prometheus targets,"
                + " metric charts): "
                + folder);
    assertThat(folder.resolve("pods.txt"))
        .content()
        .contains("milvus/my-release-milvus-standalone-6b9f7c8d5f-x2x7q");
    assertThat(folder.resolve("targets.txt")).isNotEmptyFile();
    String svg = Files.readString(folder.resolve("metric-assertion.svg"));
    int series =
        FakeEnvironmentFactory.started().get(0).prometheus().query(REQUESTS_BY_STATUS).size();
    assertThat(series).isGreaterThanOrEqualTo(3);
    assertThat(count(svg, "<g class=\"series\"")).isEqualTo(series);
    assertThat(count(svg, "<polyline ")).isGreaterThanOrEqualTo(series);
    assertThat(svg)
        .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("status=&quot;total&quot;", "status=&quot;fail&quot;", "range query");
    assertThat(folder.resolve("metric-assertion.txt"))
        .content()
        .contains("PromQL: " + REQUESTS_BY_STATUS);
  }

  @Test
  void failed_dashboard_assertion_writes_the_audit_report_into_the_diagnostics(
      @TempDir Path reports) {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results =
        EngineRuns.run(EngineRuns.host(reportsIn(reports)), FailingDashboardAssertion.class);

    assertThat(EngineRuns.firstFailure(results))
        .isInstanceOf(DashboardAssertionError.class)
        .hasMessageStartingWith(
            "Expected every panel of dashboard 'Renamed' to show data for milvus/my-release,"
                + " but 1 of 1 do not:\n  - Has collection: UNKNOWN_METRIC");
    Path folder =
        reports
            .resolve("FailureDiagnosticsTest$FailingDashboardAssertion")
            .resolve("expects_a_renamed_metric_on_the_dashboard");
    assertThat(folder.resolve("pods.txt")).exists();
    assertThat(folder.resolve("dashboard-audit.md"))
        .content()
        .startsWith("# Dashboard audit: Renamed\n")
        .contains("| Has collection | UNKNOWN_METRIC | milvus_rootcoord_has_collection_total |");
    assertThat(folder.resolve("dashboard-audit.html"))
        .content()
        .contains("milvus_rootcoord_has_collection_total");
  }

  @Test
  void plain_failure_gets_diagnostics_without_chart_and_aborted_test_gets_nothing(
      @TempDir Path reports) {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(EngineRuns.host(reportsIn(reports)), FailingPlainAssertion.class);

    results.testEvents().assertStatistics(stats -> stats.failed(1).aborted(1));
    Path classFolder = reports.resolve("FailureDiagnosticsTest$FailingPlainAssertion");
    assertThat(classFolder.resolve("fails_without_metrics").resolve("pods.txt")).exists();
    assertThat(classFolder.resolve("fails_without_metrics").resolve("metric-assertion.svg"))
        .doesNotExist();
    assertThat(classFolder.resolve("is_aborted")).doesNotExist();
    assertThat(EngineRuns.firstFailure(results).getSuppressed())
        .hasOnlyElementsOfType(DiagnosticsLocation.class);
    assertThat(FakeEnvironmentFactory.started().get(0).diagnosticsWritten()).isEqualTo(1);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private static int count(String text, String part) {
    return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }
}
