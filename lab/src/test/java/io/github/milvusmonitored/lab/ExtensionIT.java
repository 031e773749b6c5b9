package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @MilvusMonitored} with the lab as its existing cluster: a passing class, and a failing one's diagnostics. */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExtensionIT {

  @Test
  void a_monitored_class_passes_on_the_lab(Lab lab) {
    Events tests = run(lab, PassingClass.class, Path.of("target", "milvus-monitored", "extension-passing"));
    tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
  }

  @Test
  void a_failing_test_writes_diagnostics_with_the_real_pods_events_targets_and_chart(Lab lab) throws IOException {
    Path reports = Path.of("target", "milvus-monitored", "extension-failing");
    Events tests = run(lab, FailingClass.class, reports);
    tests.assertStatistics(stats -> stats.started(1).failed(1));

    Path folder;
    try (Stream<Path> files = Files.walk(reports)) {
      folder = files.filter(p -> p.getFileName().toString().equals("summary.md")).map(Path::getParent)
          .findFirst().orElseThrow(() -> new AssertionError("no diagnostics with summary.md under " + reports));
    }
    assertThat(Files.readString(folder.resolve("pods.txt"))).contains("prometheus-k8s-0")
        .contains("my-release-milvus-standalone");
    assertThat(Files.readString(folder.resolve("events.txt"))).contains("Scheduled");
    assertThat(Files.readString(folder.resolve("prometheus-targets.txt")))
        .contains("serviceMonitor/milvus/my-release-milvus-standalone/0").contains("up");
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> charts = files.filter(p -> p.toString().endsWith(".svg")).toList();
      assertThat(charts).as("an SVG chart of the asserted series in " + folder).isNotEmpty();
    }
  }

  private static Events run(Lab lab, Class<?> testClass, Path reports) {
    System.setProperty("milvus.monitored.kubeconfig", lab.kubeconfig().toString());
    System.setProperty("milvus.monitored.reportDirectory", reports.toString());
    try {
      var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
      results.containerEvents().failed().stream().forEach(event -> event.getPayload(
          org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable())
          .ifPresent(t -> t.printStackTrace(System.out)));
      return results.testEvents();
    } finally {
      System.clearProperty("milvus.monitored.kubeconfig");
      System.clearProperty("milvus.monitored.reportDirectory");
    }
  }

  @MilvusMonitored(scrapeInterval = "5s", scrapeTimeout = "3s", stackReadyTimeout = "2m", firstSampleTimeout = "1m",
      milvusReadyTimeout = "2m")
  static class PassingClass {
    @Test
    void build_info_is_scraped(MilvusMetrics metrics) {
      assertThatMetric(metrics, "milvus_build_info").eventually(Duration.ofSeconds(30)).isPresent();
    }
  }

  @MilvusMonitored(scrapeInterval = "5s", scrapeTimeout = "3s", stackReadyTimeout = "2m", firstSampleTimeout = "1m",
      milvusReadyTimeout = "2m")
  static class FailingClass {
    @Test
    void expects_more_than_milvus_reports(MilvusMetrics metrics) {
      assertThatMetric(metrics, "sum(milvus_num_node)").eventually(Duration.ofSeconds(6)).isGreaterThan(1000);
    }
  }
}
