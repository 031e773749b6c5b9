package io.github.milvusmonitored.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted HTTP server for answers a real Prometheus gives only in rare states (503 while
 * starting, malformed bodies, slow answers). Everything else is tested against a real Prometheus in
 * the ITs.
 */
public final class FakePrometheusServer implements AutoCloseable {

  public record Answer(int status, String contentType, String body, long delayMillis) {
    public static Answer json(int status, String body) {
      return new Answer(status, "application/json", body, 0);
    }

    public static Answer text(int status, String body) {
      return new Answer(status, "text/plain; charset=utf-8", body, 0);
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Integer, Answer>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<URI> requests = new CopyOnWriteArrayList<>();

  public FakePrometheusServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(exchange.getRequestURI());
          int n = calls.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          Answer a =
              routes.getOrDefault(path, i -> Answer.text(404, "404 page not found")).apply(n);
          try {
            Thread.sleep(a.delayMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  /** Answers {@code path} with {@code answer} for the n-th call (1-based). */
  public FakePrometheusServer on(String path, Function<Integer, Answer> answer) {
    routes.put(path, answer);
    return this;
  }

  public FakePrometheusServer on(String path, Answer answer) {
    return on(path, n -> answer);
  }

  public int calls(String path) {
    return calls.getOrDefault(path, new AtomicInteger()).get();
  }

  public List<URI> requests() {
    return requests;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
