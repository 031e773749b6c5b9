package io.github.milvusmonitored.assertions;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusQueryException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assertion semantics and failure messages, against a scripted query endpoint. */
class MetricAssertTest {

  private HttpServer server;
  private final AtomicReference<String> result = new AtomicReference<>("[]");
  private PrometheusClient prometheus;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        ex -> {
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      + result.get()
                      + "}}")
                  .getBytes(StandardCharsets.UTF_8);
          if (ex.getRequestURI().getRawQuery().contains("bad")) {
            body =
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(400, body.length);
          } else {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
          }
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    prometheus =
        PrometheusClient.create(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String sample(String labels, String value) {
    return "{\"metric\":{" + labels + "},\"value\":[1700000000,\"" + value + "\"]}";
  }

  @Test
  void passes_once_the_value_holds_within_the_wait() {
    new Thread(
            () -> {
              sleep(600);
              result.set("[" + sample("", "3") + "]");
            })
        .start();

    assertThatMetric(prometheus, "sum(x)")
        .eventually(Duration.ofSeconds(5))
        .isGreaterThan(0)
        .isEqualTo(3);
  }

  @Test
  void failure_says_promql_expectation_last_values_with_labels_wait_and_asks() {
    result.set("[" + sample("\"status\":\"total\"", "0") + "]");

    assertThatThrownBy(
            () ->
                assertThatMetric(prometheus, "sum by (status) (x)")
                    .eventually(Duration.ofMillis(800))
                    .withPollInterval(Duration.ofMillis(100))
                    .isGreaterThan(0))
        .isInstanceOfSatisfying(
            MetricAssertionError.class,
            e -> {
              assertThat(e.promql()).isEqualTo("sum by (status) (x)");
              assertThat(e.observations().size()).isGreaterThanOrEqualTo(4);
            })
        .hasMessageStartingWith(
            "Metric assertion did not hold within 0.8 s.\n  PromQL:     sum by (status) (x)\n"
                + "  Expected:   a single series with value > 0\n  Last seen:  1 series at ")
        .hasMessageContaining("{status=\"total\"} = 0")
        .hasMessageMatching(
            "(?s).*Waited:     0\\.[89] s, asked Prometheus \\d+ times \\(every 100 ms\\).*")
        .hasMessageContaining("Prometheus: " + prometheus.baseUri());
  }

  @Test
  void several_series_need_aggregation_or_a_mode() {
    result.set("[" + sample("\"pod\":\"a\"", "1") + "," + sample("\"pod\":\"b\"", "2") + "]");

    assertThatThrownBy(() -> assertThatMetric(prometheus, "x").isPositive())
        .hasMessageStartingWith("Metric assertion failed.")
        .hasMessageContaining("aggregate with sum(...)")
        .hasMessageContaining("{pod=\"a\"} = 1")
        .hasMessageContaining("{pod=\"b\"} = 2");
    assertThatMetric(prometheus, "x").everySeries().isPositive();
    assertThatMetric(prometheus, "x").anySeries().isEqualTo(2);
    assertThatThrownBy(() -> assertThatMetric(prometheus, "x").everySeries().isGreaterThan(1))
        .hasMessageContaining("every series (at least one) with value > 1");
  }

  @Test
  void absent_and_present_and_special_values() {
    assertThatMetric(prometheus, "x").isAbsent();
    assertThatThrownBy(() -> assertThatMetric(prometheus, "x").isPresent())
        .hasMessageContaining("no series matched");

    result.set("[" + sample("", "NaN") + "]");
    assertThatMetric(prometheus, "x").isNaN().isPresent().hasSeriesCount(1);
    result.set("[" + sample("", "+Inf") + "]");
    assertThatMetric(prometheus, "x").isInfinite().isGreaterThan(1e308);
  }

  @Test
  void increase_is_measured_from_the_first_answer_and_absent_counts_as_zero() {
    new Thread(
            () -> {
              sleep(300);
              result.set("[" + sample("", "2") + "]");
            })
        .start();
    assertThatMetric(prometheus, "x").eventually(Duration.ofSeconds(5)).increasesByAtLeast(2);
  }

  @Test
  void bad_promql_fails_at_once_instead_of_waiting() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                assertThatMetric(prometheus, "bad(")
                    .eventually(Duration.ofSeconds(30))
                    .isPositive())
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageContaining("bad_data");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void history_shows_whether_the_value_moved() {
    new Thread(
            () -> {
              sleep(300);
              result.set("[" + sample("", "1") + "]");
            })
        .start();
    assertThatThrownBy(
            () ->
                assertThatMetric(prometheus, "x")
                    .eventually(Duration.ofMillis(900))
                    .isGreaterThan(5))
        .hasMessageContaining("History:    absent → 1");
  }

  @Test
  void refuses_blank_promql_and_non_positive_waits() {
    assertThatThrownBy(() -> assertThatMetric(prometheus, ""))
        .hasMessageStartingWith("PromQL must not be blank.");
    assertThatThrownBy(() -> assertThatMetric(prometheus, "x").eventually(Duration.ZERO))
        .hasMessageStartingWith("eventually(...) timeout must be positive, got 0 s.");
    assertThatThrownBy(
            () -> assertThatMetric(prometheus, "x").withPollInterval(Duration.ofMillis(-1)))
        .hasMessageStartingWith("Poll interval must be positive");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
