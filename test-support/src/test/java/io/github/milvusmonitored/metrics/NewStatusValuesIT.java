package io.github.milvusmonitored.metrics;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Milvus 2.6.19 splits "fail" and "rejected"; the status classes match both generations. */
class NewStatusValuesIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV =
      PrometheusWithMilvusExporter.builder().withMilvusVersion("2.6.19").build();

  @Test
  void fail_class_matches_fail_input_and_fail_system() {
    ENV.exporter()
        .traffic()
        .failedRequest("Insert", "books", "fail_input")
        .failedRequest("Insert", "books", "fail_system")
        .failedRequest("Search", "books", "rejected_user");
    MilvusMetrics milvus =
        MilvusMetrics.of(
            PrometheusClient.create(ENV.prometheus().baseUri()),
            MilvusSelector.of("milvus", "my-release"));

    assertThatMetric(milvus, "sum(milvus_proxy_req_count{" + RequestStatus.FAIL.matcher() + "})")
        .eventually(Duration.ofSeconds(20))
        .isEqualTo(2);
    RequestCounts counts = milvus.requestCounts();
    assertThat(counts.count("Insert", RequestStatus.FAIL)).isEqualTo(2);
    assertThat(counts.count("Search", RequestStatus.REJECTED)).isEqualTo(1);
    assertThat(counts.count(RequestStatus.TOTAL)).isEqualTo(3);
  }
}
