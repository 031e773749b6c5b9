package io.github.milvusmonitored.assertions;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.testing.RecordedMilvus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a metric the Milvus version scraped does not have: a real Prometheus scrapes what a
 * real Milvus 2.3.5 exposed after traffic, which lacks 2.6's {@code milvus_build_info}.
 */
class AbsentMetricIT {

  static RecordedMilvus recorded;
  static MilvusMetrics milvus;

  @BeforeAll
  static void scrape_the_recording() {
    recorded = RecordedMilvus.scrape(RecordedMilvus.MILVUS_2_3_5);
    milvus = recorded.milvus();
  }

  @AfterAll
  static void stop() {
    if (recorded != null) {
      recorded.close();
    }
  }

  @Test
  void a_startup_metric_this_milvus_version_lacks_fails_early_saying_it_is_absent() {
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                assertThatMetric(milvus, "milvus_build_info")
                    .eventually(Duration.ofMinutes(2))
                    .isPresent())
        .isInstanceOf(MetricAssertionError.class)
        .hasMessageStartingWith(
            "Metric assertion stopped before its 120.0 s were up: milvus_build_info is absent in"
                + " the Milvus version scraped here.\n  PromQL:     milvus_build_info\n"
                + "  Expected:   at least one series\n  Last seen:  no series matched (at ")
        .hasMessageContaining(
            "\n  Why:        milvus_build_info is absent in the Milvus scraped here: it is a"
                + " startup metric in Milvus 2.6.15's catalogue, but the target milvus/my-release (UP, 109 Milvus families"
                + " ingested, none named milvus_build_info) does not expose it; this Milvus version lacks or renames it."
                + " Run this test on a Milvus version that has it (say which in the test), or assert on a metric this"
                + " version exposes.\n  Waited:     ")
        .hasMessageContaining("Milvus targets of milvus/my-release: UP");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void a_metric_the_recording_has_still_passes() {
    assertThatMetric(milvus, "milvus_num_node").eventually(Duration.ofMinutes(2)).isPresent();
    assertThatMetric(milvus, "sum(milvus_proxy_search_vectors_count)")
        .eventually(Duration.ofMinutes(2))
        .isPositive();
  }

  @Test
  void an_after_traffic_metric_the_recording_lacks_is_waited_for_and_explained_by_the_catalogue() {
    milvus.awaitSample("milvus_num_node", Duration.ofSeconds(30));
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                assertThatMetric(milvus, "sum(milvus_proxy_upsert_vectors_count)")
                    .eventually(Duration.ofSeconds(4))
                    .isPositive())
        .hasMessageStartingWith("Metric assertion did not hold within 4.0 s.")
        .hasMessageContaining(
            "\n  Why:        milvus_proxy_upsert_vectors_count appears only after traffic (Upsert),"
                + " per the Milvus 2.6.15 metric catalogue\n  Waited:     ")
        .hasMessageNotContaining("may not be scraped yet");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void a_plain_prometheus_client_waits_until_the_deadline_as_before() {
    milvus.awaitSample("milvus_num_node", Duration.ofSeconds(30));
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                assertThatMetric(milvus.prometheus(), "milvus_build_info")
                    .eventually(Duration.ofSeconds(3))
                    .isPresent())
        .hasMessageStartingWith("Metric assertion did not hold within 3.0 s.")
        .hasMessageContaining(
            "the metric may not be scraped yet or the label filter matches nothing")
        .hasMessageNotContaining("Why:");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }
}
