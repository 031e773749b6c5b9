package io.github.milvusmonitored.prometheus;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.assertions.MetricAssertionError;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prometheus stopping, restarting and starting up while a test asks. One Prometheus per test. */
class PrometheusOutageIT {

  @RegisterExtension
  final PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().build();

  @Test
  void an_eventually_assertion_rides_out_a_prometheus_restart() {
    env.awaitFirstScrape();
    PrometheusClient prometheus =
        PrometheusClient.builder(env.prometheus().baseUri())
            .withRequestTimeout(Duration.ofSeconds(2))
            .build();
    env.prometheus().stop();
    CompletableFuture<Void> restart =
        CompletableFuture.runAsync(
            () -> {
              env.exporter().traffic().insert("during_outage", 7);
              env.prometheus().restart();
            },
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

    assertThatMetric(
            prometheus, "sum(milvus_proxy_insert_vectors_count{collection_name=\"during_outage\"})")
        .eventually(Duration.ofSeconds(60))
        .isEqualTo(7);
    restart.join();
  }

  @Test
  void prometheus_stopping_mid_test_is_reported_with_the_uri() {
    env.awaitFirstScrape();
    PrometheusClient prometheus =
        PrometheusClient.builder(env.prometheus().baseUri())
            .withRequestTimeout(Duration.ofSeconds(1))
            .build();
    assertThat(prometheus.query("milvus_build_info").size()).isEqualTo(1);

    env.prometheus().stop();

    assertThat(prometheus.isReady()).isFalse();
    assertThatThrownBy(() -> prometheus.query("milvus_build_info"))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageStartingWith("Prometheus at " + env.prometheus().baseUri());
    assertThatThrownBy(
            () ->
                assertThatMetric(prometheus, "milvus_build_info")
                    .eventually(Duration.ofSeconds(2))
                    .isPresent())
        .isInstanceOf(MetricAssertionError.class)
        .hasMessageContaining("Last seen:  no answer at ")
        .hasMessageContaining("refused the connection for api/v1/query (connection refused)")
        .hasMessageContaining("History:    unavailable");
  }

  @Test
  void a_client_asking_while_prometheus_starts_waits_until_it_is_ready() {
    env.awaitFirstScrape();
    env.prometheus().stop();
    PrometheusClient prometheus =
        PrometheusClient.builder(env.prometheus().baseUri())
            .withRequestTimeout(Duration.ofSeconds(2))
            .withStartupWait(Duration.ofSeconds(60))
            .build();
    CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> env.prometheus().restart());

    prometheus.awaitReady(Duration.ofSeconds(60));
    restart.join();
    assertThat(prometheus.query("up").isEmpty()).isFalse();
  }
}
