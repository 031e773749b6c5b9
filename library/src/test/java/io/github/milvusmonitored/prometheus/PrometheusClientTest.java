package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.prometheus.FakePrometheusServer.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

  private FakePrometheusServer server;
  private PrometheusClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakePrometheusServer();
    client =
        PrometheusClient.builder(server.uri())
            .withRequestTimeout(Duration.ofSeconds(2))
            .withStartupWait(Duration.ofSeconds(2))
            .withRetryInterval(Duration.ofMillis(20))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void parses_nan_and_infinities_exactly() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"a","pod":"p1"},"value":[1700000000.123,"NaN"]},
          {"metric":{"__name__":"a","pod":"p2"},"value":[1700000000.123,"+Inf"]},
          {"metric":{"__name__":"a","pod":"p3"},"value":[1700000000.123,"-Inf"]},
          {"metric":{"__name__":"a","pod":"p4"},"value":[1700000000.123,"1.5e+03"]}]}}"""));

    InstantVector v = client.query("a");

    assertThat(v.samples())
        .extracting(Sample::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1500.0);
    assertThat(v.samples().get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(v.samples().get(1).label("pod")).isEqualTo("p2");
  }

  @Test
  void waits_out_plain_text_503_while_prometheus_starts() {
    server.on(
        "/api/v1/query",
        n ->
            n < 3
                ? Answer.text(503, "Service Unavailable")
                : Answer.json(
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

    assertThat(client.query("up").isEmpty()).isTrue();
    assertThat(server.calls("/api/v1/query")).isEqualTo(3);
  }

  @Test
  void reports_still_starting_when_503_outlasts_the_startup_wait() {
    server.on("/api/v1/query", Answer.text(503, "Service Unavailable"));

    assertThatThrownBy(() -> client.query("up"))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageContaining("was still starting after 2 s")
        .hasMessageContaining("kept answering 503 'Service Unavailable'")
        .hasMessageContaining(server.uri().toString());
  }

  @Test
  void json_503_is_a_query_timeout_not_a_startup() {
    server.on(
        "/api/v1/query",
        Answer.json(
            503,
            "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"));

    assertThatThrownBy(() -> client.query("up"))
        .isInstanceOfSatisfying(
            PrometheusQueryException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("timeout");
              assertThat(e.httpStatus()).isEqualTo(503);
            })
        .hasMessageContaining("narrow its selectors");
    assertThat(server.calls("/api/v1/query")).isEqualTo(1);
  }

  @Test
  void error_envelope_becomes_exception_with_error_type_error_query_and_status() {
    server.on(
        "/api/v1/query",
        Answer.json(
            400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected end of input\"}"));

    assertThatThrownBy(() -> client.query("sum("))
        .isInstanceOfSatisfying(
            PrometheusQueryException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("bad_data");
              assertThat(e.error()).isEqualTo("1:5: parse error: unexpected end of input");
              assertThat(e.query()).isEqualTo("sum(");
              assertThat(e.httpStatus()).isEqualTo(400);
            })
        .hasMessage(
            "Prometheus rejected 'sum(' (HTTP 400, bad_data): 1:5: parse error: unexpected end of input."
                + " The PromQL does not parse or a parameter is invalid: check the expression in the Prometheus UI's graph page.");
  }

  @Test
  void refuses_a_matrix_where_a_vector_was_asked() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            """
        {"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}}"""));

    assertThatThrownBy(() -> client.query("up[5m]"))
        .isInstanceOfSatisfying(
            UnexpectedResultTypeException.class,
            e -> {
              assertThat(e.expected()).isEqualTo("vector");
              assertThat(e.actual()).isEqualTo("matrix");
            })
        .hasMessageContaining(
            "Expected an instant vector from 'up[5m]' but Prometheus returned a matrix")
        .hasMessageContaining("wrap it in a function such as rate(...[5m])");
  }

  @Test
  void scalar_comes_back_as_one_sample_without_labels() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"+Inf\"]}}"));

    Sample s = client.query("1/0").single();

    assertThat(s.labels().isEmpty()).isTrue();
    assertThat(s.value()).isInfinite().isPositive();
  }

  @Test
  void native_histogram_samples_are_left_out_of_an_instant_vector() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"h"},"histogram":[1700000000,{"count":"3","sum":"5","buckets":[]}]},
          {"metric":{"__name__":"c"},"value":[1700000000,"2"]}]}}"""));

    assertThat(client.query("{__name__=~\"h|c\"}").single().label("__name__")).isEqualTo("c");
  }

  @Test
  void keeps_warnings_and_infos() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[]},
         "warnings":["w1"],"infos":["PromQL info: metric might not be a counter"]}"""));

    InstantVector v = client.query("rate(x[1m])");

    assertThat(v.warnings()).containsExactly("w1");
    assertThat(v.infos()).containsExactly("PromQL info: metric might not be a counter");
  }

  @Test
  void sends_promql_and_time_encoded() {
    server.on(
        "/api/v1/query",
        Answer.json(
            200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

    client.query("sum(a{b=\"c d\"})", Instant.ofEpochMilli(1_700_000_000_005L));

    assertThat(server.requests().get(0).getQuery())
        .isEqualTo("query=sum(a{b=\"c d\"})&time=1700000000.005");
  }

  @Test
  void a_refused_connection_is_reported_as_refused_not_as_a_timeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    PrometheusClient c =
        PrometheusClient.builder(closed).withRequestTimeout(Duration.ofSeconds(1)).build();

    assertThatThrownBy(() -> c.query("up"))
        .isInstanceOfSatisfying(
            PrometheusUnavailableException.class,
            e -> {
              assertThat(e.uri().toString()).startsWith(closed.toString());
              assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(1));
            })
        .hasMessage(
            "Prometheus at "
                + closed
                + "/ refused the connection for api/v1/query (connection refused)."
                + " Likely causes: Prometheus is not running or not ready yet, the port-forward dropped, or the URI is"
                + " wrong. Check that "
                + closed
                + "/-/ready answers 200; on Kubernetes look at the pods in namespace"
                + " 'monitoring' (kubectl -n monitoring get pods).");
    assertThat(c.isReady()).isFalse();
  }

  @Test
  void a_slow_answer_fails_after_the_request_timeout() {
    server.on("/api/v1/query", new Answer(200, "application/json", "{}", 3_000));
    PrometheusClient c =
        PrometheusClient.builder(server.uri()).withRequestTimeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> c.query("up"))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageStartingWith(
            "Prometheus at "
                + server.uri()
                + "/ did not answer api/v1/query within 0.3 s"
                + " (HttpTimeoutException: ");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void an_answer_that_is_not_prometheus_json_is_reported_with_its_body() {
    server.on("/api/v1/query", Answer.text(200, "<html>login</html>"));

    assertThatThrownBy(() -> client.query("up"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("Unexpected answer from " + server.uri())
        .hasMessageContaining("HTTP 200 'text/plain; charset=utf-8' '<html>login</html>'");
  }

  @Test
  void scrape_pools_fall_back_to_configured_jobs_on_servers_without_the_endpoint() {
    server.on(
        "/api/v1/status/config",
        Answer.json(
            200,
            """
        {"status":"success","data":{"yaml":"global:\\n  scrape_interval: 30s\\nscrape_configs:\\n- job_name: serviceMonitor/milvus/my-release-milvus-standalone/0\\n  honor_labels: true\\n- job_name: prometheus\\n"}}"""));
    server.on(
        "/api/v1/targets",
        Answer.json(
            200, "{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":[]}}"));

    assertThat(client.scrapePools())
        .containsExactly("prometheus", "serviceMonitor/milvus/my-release-milvus-standalone/0");
  }

  @Test
  void scrape_pools_are_the_union_of_listed_pools_configured_jobs_and_pools_of_targets() {
    server.on(
        "/api/v1/scrape_pools",
        Answer.json(200, "{\"status\":\"success\",\"data\":{\"scrapePools\":[\"listed\"]}}"));
    server.on(
        "/api/v1/status/config",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"yaml\":\"scrape_configs:\\n- job_name: configured\\n- job_name: listed\\n\"}}"));
    server.on(
        "/api/v1/targets",
        Answer.json(
            200,
            """
        {"status":"success","data":{"activeTargets":[{"scrapePool":"active","labels":{},"discoveredLabels":{},
          "scrapeUrl":"http://127.0.0.1:1/metrics","health":"up","lastError":""}],
          "droppedTargets":[{"discoveredLabels":{"job":"dropped-before-2.46"}},
            {"scrapePool":"dropped","discoveredLabels":{"job":"dropped"}}]}}"""));

    assertThat(client.scrapePools())
        .containsExactly("active", "configured", "dropped", "dropped-before-2.46", "listed");
  }

  @Test
  void parses_targets_with_health_and_last_error() {
    server.on(
        "/api/v1/targets",
        Answer.json(
            200,
            """
        {"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":"10.42.0.9:9091"},
          "labels":{"job":"my-release-milvus","namespace":"milvus","app_kubernetes_io_instance":"my-release"},
          "scrapePool":"serviceMonitor/milvus/my-release-milvus-standalone/0","scrapeUrl":"http://10.42.0.9:9091/metrics",
          "globalUrl":"http://10.42.0.9:9091/metrics","lastError":"connection refused",
          "lastScrape":"2026-11-24T06:00:00.5Z","lastScrapeDuration":0.0123,"health":"down"}],
          "droppedTargets":[{"discoveredLabels":{"__meta_kubernetes_namespace":"milvus"}}]}}"""));

    Targets t = client.targets();

    assertThat(t.active())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.health()).isEqualTo(Targets.Health.DOWN);
              assertThat(a.lastError()).isEqualTo("connection refused");
              assertThat(a.lastScrape()).contains(Instant.parse("2026-11-24T06:00:00.5Z"));
              assertThat(a.lastScrapeDuration()).isEqualTo(Duration.ofNanos(12_300_000));
              assertThat(a.describe())
                  .isEqualTo(
                      "serviceMonitor/milvus/my-release-milvus-standalone/0"
                          + " http://10.42.0.9:9091/metrics health=down lastError=\"connection refused\"");
            });
    assertThat(t.dropped())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.discoveredLabels().get("__meta_kubernetes_namespace"))
                    .isEqualTo("milvus"));
  }

  @Test
  void refuses_blank_promql() {
    assertThatThrownBy(() -> client.query(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PromQL must not be blank.");
    assertThatThrownBy(() -> client.series())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one selector");
  }

  @Test
  void refuses_a_uri_that_is_not_http() {
    assertThatThrownBy(() -> PrometheusClient.create(URI.create("ftp://prometheus:9090")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Prometheus URI must be absolute http or https, got 'ftp://prometheus:9090'.");
    assertThatThrownBy(() -> PrometheusClient.create(URI.create("localhost:9090")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_zero_and_negative_timeouts() {
    var builder = PrometheusClient.builder(server.uri());
    assertThatThrownBy(() -> builder.withRequestTimeout(Duration.ZERO))
        .hasMessageStartingWith("Request timeout must be positive, got 0 s.");
    assertThatThrownBy(() -> builder.withStartupWait(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("Startup wait must be positive, got -1 s.");
    assertThatThrownBy(() -> client.awaitReady(Duration.ZERO))
        .hasMessageStartingWith("Ready timeout must be positive");
    assertThatThrownBy(() -> client.queryRange("up", Instant.now(), Instant.now(), Duration.ZERO))
        .hasMessageStartingWith("Range query needs start <= end and a positive step");
  }

  @Test
  void refuses_an_invalid_label_name_and_explains_kubernetes_label_spelling() {
    assertThatThrownBy(() -> client.labelValues("app.kubernetes.io/instance"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app_kubernetes_io_instance");
  }

  @Test
  void await_ready_returns_once_ready_and_fails_with_uri_and_timeout_otherwise() {
    server.on(
        "/-/ready",
        n ->
            n < 3
                ? Answer.text(503, "Service Unavailable")
                : Answer.text(200, "Prometheus Server is Ready."));
    client.awaitReady(Duration.ofSeconds(5));
    assertThat(server.calls("/-/ready")).isEqualTo(3);

    server.on("/-/ready", Answer.text(503, "Service Unavailable"));
    assertThatThrownBy(() -> client.awaitReady(Duration.ofMillis(600)))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessage(
            "Prometheus at "
                + server.uri()
                + "/ was not ready within 0.6 s: the last ask of -/ready got"
                + " HTTP 503 'Service Unavailable'. Likely causes: Prometheus is not running or not ready yet, the"
                + " port-forward dropped, or the URI is wrong. A large WAL replay takes longer: pass a longer timeout,"
                + " or check Prometheus's log for why it does not become ready.");
  }

  @Test
  void await_ready_on_a_closed_port_says_connection_refused_once() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    PrometheusClient c =
        PrometheusClient.builder(closed).withRequestTimeout(Duration.ofSeconds(1)).build();

    assertThatThrownBy(() -> c.awaitReady(Duration.ofMillis(500)))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageStartingWith(
            "Prometheus at "
                + closed
                + "/ was not ready within 0.5 s: the last ask of -/ready"
                + " got connection refused. Likely causes:")
        .satisfies(e -> assertThat(e.getMessage().split("Prometheus at ", -1)).hasSize(2))
        .satisfies(e -> assertThat(e.getMessage().split("Likely causes", -1)).hasSize(2));
  }
}
