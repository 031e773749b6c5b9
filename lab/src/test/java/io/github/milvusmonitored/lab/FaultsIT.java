package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real faults on the lab: each is recovered from, or reported clearly. */
@ExtendWith({LabExtension.class, RestoresLab.class})
class FaultsIT {

  /**
   * One start, two faults in turn: the faults touch different parts (the Prometheus process, the
   * kubelet end of the port-forward), and each is undone before the next.
   */
  @Test
  void an_eventually_assertion_survives_prometheus_killed_and_a_dropped_port_forward_reconnects(
      Lab lab) throws Exception {
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "faults"))) {
      // Prometheus killed during an eventually assertion, and restarted 3 s later with the data the
      // test waits for.
      LabProcess prometheus = lab.prometheus(Duration.ofSeconds(30));
      try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
        traffic.createCollection("books");
        prometheus.kill();
        CompletableFuture<Void> restart =
            CompletableFuture.runAsync(
                () -> {
                  LabProcess.sleep(Duration.ofSeconds(3));
                  traffic.insert("books", 100);
                  prometheus.start();
                });
        assertThatMetric(env.milvusMetrics(), "sum(milvus_proxy_insert_vectors_count)")
            .eventually(Duration.ofMinutes(1))
            .isGreaterThanOrEqualTo(100);
        restart.join();
      }
      lab.awaitPrometheusReady();

      // The port-forward to Prometheus dropped at the kubelet's end: the same local port answers
      // again.
      URI ready = env.prometheusUiUrl().resolve("/-/ready");
      assertThat(get(ready)).isEqualTo(200);
      lab.restartKwok();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int status = -1;
      while (status != 200 && System.nanoTime() < deadline) {
        status = get(ready);
        LabProcess.sleep(Duration.ofMillis(500));
      }
      assertThat(status)
          .as("Prometheus through the same local port after the forward dropped")
          .isEqualTo(200);
    }
  }

  private static int get(URI uri) throws InterruptedException {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
