package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.DetectedVersion;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.QueryType;
import io.github.milvusmonitored.metrics.RequestCounts;
import io.github.milvusmonitored.metrics.RequestStatus;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.milvus.v2.exception.MilvusClientException;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library's public entry points against the lab's real Milvus 2.3.5 (the official standalone
 * binaries in the standalone pod's own network namespace), with real traffic through the Java SDK
 * over the environment's Milvus endpoint: request counts with a real failure, search latency
 * quantiles from the real histogram, and the server killed during an {@code eventually} assertion:
 * the target DOWN with Prometheus's last error, then restarted as a kubelet would and UP again.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealMilvusIT {

  private static final Duration SCRAPES = LabConfigs.SCRAPE_INTERVAL.multipliedBy(6);

  @Test
  void real_requests_are_counted_by_outcome_searches_are_timed_and_calls_2_3_5_lacks_fail(Lab lab) {
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "real-milvus"))) {
      RealMilvusPod server = lab.milvusServer("milvus");
      assertThat(server.version()).isEqualTo("2.3.5");
      assertThat(server.namespace().routes())
          .as("the pod's routes: the lab range through the lab, nothing else")
          .contains(LabNetwork.LAB_RANGE + " via " + PodNamespace.GATEWAY + " dev eth0")
          .doesNotContain("default");
      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        traffic.createCollection("books").insert("books", 100).search("books", 20).query("books");
        RuntimeException failure = traffic.failingSearch("no_such_collection");
        assertThat(failure).hasMessageContaining("no_such_collection");
      }
      MilvusMetrics metrics = env.milvusMetrics();
      assertThatMetric(metrics, "sum(milvus_proxy_insert_vectors_count)")
          .eventually(SCRAPES)
          .isGreaterThanOrEqualTo(100);
      assertThatMetric(
              metrics,
              "sum("
                  + metrics
                      .release()
                      .select(
                          "milvus_proxy_req_count", "function_name=\"Search\", status=\"success\"")
                  + ")")
          .eventually(SCRAPES)
          .isEqualTo(20);

      RequestCounts counts = metrics.requestCounts();
      assertThat(counts.count("Search", RequestStatus.SUCCESS))
          .as(counts.toString())
          .isEqualTo(20.0);
      assertThat(counts.count("Insert", RequestStatus.SUCCESS))
          .as(counts.toString())
          .isEqualTo(1.0);
      assertThat(counts.count("Query", RequestStatus.SUCCESS)).as(counts.toString()).isEqualTo(1.0);
      assertThat(counts.count("Search", RequestStatus.FAIL))
          .as("the failed search, counted as a failure: " + counts)
          .isEqualTo(1.0);
      assertThat(counts.count("Search", RequestStatus.TOTAL)).as(counts.toString()).isEqualTo(21.0);
      assertThat(counts.causes()).as("2.3.5 records no cause of a failure").isEmpty();
      assertThat(counts.unclassified()).as("every status 2.3.5 writes has a class").isEmpty();

      // Which Milvus the library reads these metrics as: the configured tag, and without it, the
      // metrics' shape.
      assertThat(metrics.milvusVersion().version()).isEqualTo(MilvusVersion.parse("v2.3.5"));
      assertThat(metrics.milvusVersion().source()).isEqualTo(DetectedVersion.Source.IMAGE_TAG);
      DetectedVersion fromShape =
          MilvusMetrics.of(metrics.prometheus(), metrics.release()).milvusVersion();
      assertThat(fromShape.source())
          .as(fromShape.evidence())
          .isEqualTo(DetectedVersion.Source.EXPOSITION_SHAPE);
      assertThat(fromShape.version().minor()).as(fromShape.evidence()).isEqualTo(3);

      OptionalDouble p95 = metrics.latencyQuantile(QueryType.SEARCH, 0.95);
      assertThat(p95).as("search p95 from milvus_proxy_sq_latency").isPresent();
      assertThat(p95.getAsDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(131072.0);
      assertThat(metrics.latencyQuantile(QueryType.QUERY, 0.5)).as("query p50").isPresent();

      // A test that needs a series 2.3.5 does not have (milvus_build_info) is told so once the
      // target has been
      // scraped without it, long before its deadline, naming the metric as absent in this version.
      assertThatThrownBy(
              () ->
                  assertThatMetric(metrics, "milvus_build_info")
                      .eventually(Duration.ofMinutes(2))
                      .isPresent())
          .hasMessageStartingWith(
              "Metric assertion stopped before its 120.0 s were up: milvus_build_info is absent"
                  + " in the Milvus version scraped here.")
          .hasMessageContaining(
              "it is a startup metric in Milvus 2.6.15's catalogue, but the target milvus/my-release"
                  + " (UP, ")
          .hasMessageContaining(
              "this Milvus version lacks or renames it. The release runs Milvus 2.3.5 (its configured"
                  + " image tag v2.3.5), whose metric catalogue lacks it.");

      // What README says the injected client does on this server: the SDK's calls that Milvus 2.3.5
      // refuses.
      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        assertThatThrownBy(() -> traffic.upsert("books"))
            .as("upsert into an autoID collection")
            .isInstanceOf(MilvusClientException.class)
            .hasMessage(
                "upsert can not assign primary field data when auto id enabled id: invalid parameter");
        assertThatThrownBy(() -> traffic.hybridSearch("books"))
            .as("hybridSearch, which 2.3.5's proxy does not have")
            .isInstanceOf(MilvusClientException.class)
            .hasMessageContaining(
                "UNIMPLEMENTED: unknown method HybridSearch for service milvus.proto.milvus.MilvusService");
      }
    }
  }

  @Test
  void
      a_killed_milvus_is_reported_down_with_the_scrape_error_and_comes_back_as_a_kubelet_restarts_it(
          Lab lab) {
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "real-milvus-kill"))) {
      RealMilvusPod server = lab.milvusServer("milvus");
      long killedPid = server.server().pid();
      MilvusMetrics metrics = env.milvusMetrics();
      AtomicReference<TargetStatus> down = new AtomicReference<>();
      CompletableFuture<Void> kill =
          CompletableFuture.runAsync(
              () -> {
                LabProcess.sleep(Duration.ofSeconds(2));
                server.server().kill();
                long deadline = System.nanoTime() + SCRAPES.toNanos();
                while (down.get() == null && System.nanoTime() < deadline) {
                  TargetStatus status = metrics.targetStatus();
                  if (status.state() == TargetStatus.State.DOWN) {
                    down.set(status);
                  }
                  LabProcess.sleep(Duration.ofMillis(500));
                }
              });

      // Holds only once Prometheus has scraped the restarted process: its start time changed.
      assertThatMetric(
              metrics,
              "changes(" + metrics.release().select("process_start_time_seconds") + "[5m])")
          .eventually(Duration.ofMinutes(2))
          .isGreaterThanOrEqualTo(1);
      kill.join();

      assertThat(down.get()).as("the target while Milvus was down").isNotNull();
      assertThat(down.get().summary()).as(down.get().summary()).contains("connection refused");
      assertThat(server.restarts()).isEqualTo(1);
      assertThat(server.server().pid()).isNotEqualTo(killedPid);
      TargetStatus up = metrics.awaitTargetUp(SCRAPES);
      assertThat(up.state()).as(up.summary()).isEqualTo(TargetStatus.State.UP);
    }
  }
}
