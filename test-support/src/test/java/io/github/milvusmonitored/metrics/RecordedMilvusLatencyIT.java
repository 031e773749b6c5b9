package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.testing.RecordedMilvus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Latency quantiles from the histogram a real Milvus 2.3.5 exposed after five searches of 4-64 ms,
 * served to a real Prometheus: its lowest buckets (1, 2 and 4 ms) are empty.
 */
class RecordedMilvusLatencyIT {

  static RecordedMilvus recorded;
  static MilvusMetrics milvus;

  @BeforeAll
  static void scrape_the_recording() {
    recorded = RecordedMilvus.scrape(RecordedMilvus.MILVUS_2_3_5);
    milvus = recorded.milvus();
    milvus.awaitSample("milvus_proxy_sq_latency_bucket", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (recorded != null) {
      recorded.close();
    }
  }

  @Test
  void the_lowest_quantile_after_searches_is_the_lower_bound_of_the_lowest_bucket_that_holds_one() {
    // Prometheus answers NaN here: rank 0 falls in the empty 1 ms bucket, and 0/0 is NaN
    assertThat(
            milvus
                .prometheus()
                .query(
                    "histogram_quantile(0, sum by (le) (milvus_proxy_sq_latency_bucket"
                        + "{query_type=\"search\"}))")
                .single()
                .value())
        .isNaN();

    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.0)).hasValue(4.0);
  }

  @Test
  void any_other_quantile_is_prometheus_answer() {
    // 4 of 5 searches between 4 and 8 ms: the median is 4 + 4 * 2.5 / 4
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.5)).hasValue(6.5);
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 1.0)).hasValue(64.0);
  }

  @Test
  void a_type_without_a_request_yet_is_empty() {
    assertThat(milvus.latencyQuantile(QueryType.HYBRID_SEARCH, 0.0)).isEmpty();
    assertThat(milvus.latencyQuantile(QueryType.HYBRID_SEARCH, 0.5)).isEmpty();
  }
}
