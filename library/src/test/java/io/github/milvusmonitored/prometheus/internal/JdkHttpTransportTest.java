package io.github.milvusmonitored.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import io.github.milvusmonitored.prometheus.PrometheusTransport.QueryParameters;
import io.github.milvusmonitored.testing.MisbehavingHttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {

  @Test
  void the_timeout_covers_a_body_that_arrives_one_byte_a_second() throws Exception {
    try (MisbehavingHttpServer server = new MisbehavingHttpServer().dripping("/api/v1/query")) {
      JdkHttpTransport transport = new JdkHttpTransport(server.uri(), Duration.ofSeconds(5));

      // The bound only stops a hang from holding the build; the transport gives up after 1 s.
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(
                      () ->
                          transport.get(
                              "api/v1/query",
                              QueryParameters.of("query", "up"),
                              Duration.ofSeconds(1)))
                  .isInstanceOf(HttpTimeoutException.class)
                  .hasMessage("no complete answer (headers and body) within 1 s"));
    }
  }

  @Test
  void a_body_larger_than_the_limit_stops_the_read() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer().sending("/api/v1/query", 10 * 1024)) {
      JdkHttpTransport transport =
          new JdkHttpTransport(server.uri(), Duration.ofSeconds(5), 4 * 1024);

      assertThatThrownBy(
              () -> transport.get("api/v1/query", QueryParameters.none(), Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(
              PrometheusResponseTooLargeException.class,
              e -> {
                assertThat(e.limitBytes()).isEqualTo(4 * 1024);
                assertThat(e.uri()).isEqualTo(server.uri().resolve("api/v1/query"));
              });
    }
  }

  @Test
  void a_body_of_exactly_the_limit_is_read_whole() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer().sending("/api/v1/query", 4 * 1024)) {
      JdkHttpTransport transport =
          new JdkHttpTransport(server.uri(), Duration.ofSeconds(5), 4 * 1024);

      assertThat(
              transport.get("api/v1/query", QueryParameters.none(), Duration.ofSeconds(10)).body())
          .hasSize(4 * 1024);
    }
  }

  @Test
  void user_information_in_the_uri_is_sent_as_basic_authentication_and_never_shown()
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicReference<String> authorization = new AtomicReference<>();
    server.createContext(
        "/",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      JdkHttpTransport transport =
          new JdkHttpTransport(
              URI.create("http://admin:s3cr%40t@127.0.0.1:" + port), Duration.ofSeconds(5));

      assertThat(transport.get("-/ready", QueryParameters.none(), Duration.ofSeconds(5)).status())
          .isEqualTo(200);
      assertThat(authorization.get())
          .isEqualTo(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString("admin:s3cr@t".getBytes(StandardCharsets.UTF_8)));
      assertThat(transport.baseUri()).hasToString("http://***@127.0.0.1:" + port + "/");
    } finally {
      server.stop(0);
    }
  }
}
