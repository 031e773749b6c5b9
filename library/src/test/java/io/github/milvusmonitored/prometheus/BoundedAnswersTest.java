package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.milvusmonitored.testing.MisbehavingHttpServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a user of the client sees when Prometheus's answer never ends or is too large to hold. */
class BoundedAnswersTest {

  @Test
  void a_query_whose_body_drips_fails_at_the_request_timeout() throws Exception {
    try (MisbehavingHttpServer server = new MisbehavingHttpServer().dripping("/api/v1/query")) {
      PrometheusClient client =
          PrometheusClient.builder(server.uri()).withRequestTimeout(Duration.ofSeconds(1)).build();

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(() -> client.query("up"))
                  .isInstanceOf(PrometheusUnavailableException.class)
                  .hasMessageStartingWith(
                      "Prometheus at "
                          + server.uri()
                          + " did not answer api/v1/query within 1 s"
                          + " (HttpTimeoutException: no complete answer (headers and body) within 1 s)."));
    }
  }

  @Test
  void an_answer_over_64_mib_is_refused_with_what_to_ask_instead() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer()
            .sending("/api/v1/query", PrometheusTransport.MAX_BODY_BYTES + 1)) {
      PrometheusClient client = PrometheusClient.create(server.uri());

      assertThatThrownBy(() -> client.query("{__name__=~\".+\"}"))
          .isExactlyInstanceOf(PrometheusException.class)
          .hasMessage(
              "Prometheus at "
                  + server.uri()
                  + " answered api/v1/query with more than 64 MiB, the most the"
                  + " client reads of one answer, and reading stopped there. Likely cause: a query that selects very many"
                  + " series, or a range query over a long range with a small step. Ask for less: label matchers, an"
                  + " aggregation such as sum by (...), a shorter range or a larger step.");
    }
  }
}
