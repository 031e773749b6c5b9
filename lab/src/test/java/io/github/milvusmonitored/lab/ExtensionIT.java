package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.gson.JsonObject;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @MilvusMonitored} with the lab as its existing cluster and its real Milvus 2.3.5: README's
 * quick start as written (an injected {@code MilvusClientV2} creates a collection and inserts, the
 * assertion waits for the counted vectors), and a failing class's diagnostics. The scrape settings
 * come from system properties, as a user overrides an annotation, so the quick start's annotation
 * stays as README shows it.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExtensionIT {

  @Test
  void the_readme_quick_start_passes_against_a_real_milvus(Lab lab) {
    Events tests =
        run(lab, QuickStartClass.class, Path.of("target", "milvus-monitored", "extension-passing"));
    tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
  }

  @Test
  void a_failing_test_writes_diagnostics_with_the_real_pods_events_targets_and_chart(Lab lab)
      throws IOException {
    Path reports = Path.of("target", "milvus-monitored", "extension-failing");
    Events tests = run(lab, FailingClass.class, reports);
    tests.assertStatistics(stats -> stats.started(1).failed(1));

    Path folder;
    try (Stream<Path> files = Files.walk(reports)) {
      folder =
          files
              .filter(p -> p.getFileName().toString().equals("summary.md"))
              .map(Path::getParent)
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no diagnostics with summary.md under " + reports));
    }
    assertThat(Files.readString(folder.resolve("pods.txt")))
        .contains("prometheus-k8s-0")
        .contains("my-release-milvus-standalone");
    assertThat(Files.readString(folder.resolve("events.txt"))).contains("Scheduled");
    assertThat(Files.readString(folder.resolve("prometheus-targets.txt")))
        .contains("serviceMonitor/milvus/my-release-milvus-standalone/0")
        .contains("up");
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> charts = files.filter(p -> p.toString().endsWith(".svg")).toList();
      assertThat(charts).as("an SVG chart of the asserted series in " + folder).isNotEmpty();
    }
  }

  private static final Map<String, String> FAST_SCRAPES =
      Map.of(
          "scrapeInterval",
          "5s",
          "scrapeTimeout",
          "3s",
          "stackReadyTimeout",
          "2m",
          "firstSampleTimeout",
          "1m",
          "milvusReadyTimeout",
          "2m");

  private static Events run(Lab lab, Class<?> testClass, Path reports) {
    System.setProperty("milvus.monitored.kubeconfig", lab.kubeconfig().toString());
    System.setProperty("milvus.monitored.reportDirectory", reports.toString());
    FAST_SCRAPES.forEach((key, value) -> System.setProperty("milvus.monitored." + key, value));
    try {
      var results =
          EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
      results.containerEvents().failed().stream()
          .forEach(
              event ->
                  event
                      .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                      .flatMap(r -> r.getThrowable())
                      .ifPresent(t -> t.printStackTrace(System.out)));
      return results.testEvents();
    } finally {
      System.clearProperty("milvus.monitored.kubeconfig");
      System.clearProperty("milvus.monitored.reportDirectory");
      FAST_SCRAPES.keySet().forEach(key -> System.clearProperty("milvus.monitored." + key));
    }
  }

  // README.md, Quick start: the code block as written, plus its imports.
  @MilvusMonitored(disabledWithoutDocker = true)
  static class QuickStartClass {

    @Test
    void inserts_are_counted(MilvusClientV2 milvus, MilvusMetrics metrics) {
      milvus.createCollection(
          CreateCollectionReq.builder().collectionName("books").dimension(8).autoID(true).build());
      milvus.insert(InsertReq.builder().collectionName("books").data(rows(100)).build());

      assertThatMetric(metrics, "sum(milvus_proxy_insert_vectors_count)")
          .eventually(Duration.ofMinutes(1))
          .isGreaterThanOrEqualTo(100);
    }

    static List<JsonObject> rows(int count) {
      return RealMilvusTraffic.rows(count);
    }
  }

  @MilvusMonitored
  static class FailingClass {
    @Test
    void expects_more_than_milvus_reports(MilvusMetrics metrics) {
      assertThatMetric(metrics, "sum(milvus_num_node)")
          .eventually(Duration.ofSeconds(6))
          .isGreaterThan(1000);
    }
  }
}
