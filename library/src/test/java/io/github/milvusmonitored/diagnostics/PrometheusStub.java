package io.github.milvusmonitored.diagnostics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP server answering Prometheus's targets and scrape-pools endpoints with given JSON.
 */
final class PrometheusStub implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();

  PrometheusStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          try {
            Thread.sleep(delays.getOrDefault(path, 0L));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          String body = bodies.get(path);
          byte[] bytes =
              (body == null ? "404 page not found" : body).getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", body == null ? "text/plain" : "application/json");
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  /** Targets: {@code active} and {@code dropped} are JSON arrays. */
  PrometheusStub targets(String active, String dropped) {
    bodies.put(
        "/api/v1/targets",
        "{\"status\":\"success\",\"data\":{\"activeTargets\":"
            + active
            + ",\"droppedTargets\":"
            + dropped
            + "}}");
    return this;
  }

  PrometheusStub scrapePools(String... pools) {
    bodies.put(
        "/api/v1/scrape_pools",
        "{\"status\":\"success\",\"data\":{\"scrapePools\":["
            + String.join(",", java.util.Arrays.stream(pools).map(p -> "\"" + p + "\"").toList())
            + "]}}");
    return this;
  }

  PrometheusStub delay(String path, long millis) {
    delays.put(path, millis);
    return this;
  }

  static String activeTarget(
      String pool, String url, String health, String lastError, String labelsJson) {
    return "{\"discoveredLabels\":{},\"labels\":"
        + labelsJson
        + ",\"scrapePool\":\""
        + pool
        + "\",\"scrapeUrl\":\""
        + url
        + "\",\"globalUrl\":\""
        + url
        + "\",\"lastError\":\""
        + lastError
        + "\",\"lastScrape\":"
        + "\"2026-11-24T10:00:00.000Z\",\"lastScrapeDuration\":0.01,\"health\":\""
        + health
        + "\","
        + "\"scrapeInterval\":\"30s\",\"scrapeTimeout\":\"10s\"}";
  }

  static String droppedTarget(String pool) {
    return "{\"discoveredLabels\":{\"__meta_kubernetes_namespace\":\"milvus\"},\"scrapePool\":\""
        + pool
        + "\"}";
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
