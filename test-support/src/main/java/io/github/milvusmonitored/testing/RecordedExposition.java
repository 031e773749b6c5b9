package io.github.milvusmonitored.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves a recorded {@code /metrics} body from the test classpath on a free loopback port,
 * unchanged at every scrape, so that a real Prometheus ingests what a real Milvus exposed.
 *
 * <pre>{@code
 * try (RecordedExposition milvus = RecordedExposition.serve("/expositions/milvus-2.3.5-after-traffic.prom");
 *      RealPrometheus prometheus = RealPrometheus.start(PrometheusConfig.builder()
 *              .withMilvusTarget(MilvusTarget.standalone(milvus.port())).build())) {
 *     ...
 * }
 * }</pre>
 */
public final class RecordedExposition implements AutoCloseable {

  private final HttpServer server;

  private RecordedExposition(HttpServer server) {
    this.server = server;
  }

  /** Starts serving the classpath resource {@code resource} at {@code /metrics}. */
  public static RecordedExposition serve(String resource) {
    byte[] body;
    try (InputStream in = RecordedExposition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "No recorded exposition " + resource + " on the test classpath");
      }
      body = in.readAllBytes();
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext(
          "/metrics",
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", ExpositionWriter.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return new RecordedExposition(server);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the recorded exposition " + resource, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
