package io.github.milvusmonitored.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on loopback whose answers misbehave as servers in the wild do: headers at once,
 * then one byte a second; or a body larger than a client should hold. Paths not set up answer 404.
 */
public final class MisbehavingHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "misbehaving-http-server");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private interface Answer {
    void send(OutputStream out) throws IOException, InterruptedException;
  }

  public MisbehavingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Answer answer = answers.get(exchange.getRequestURI().getPath());
          if (answer == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            answer.send(out);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException clientWentAway) {
            // the client stopped reading: what the tests expect of it
          }
        });
    server.setExecutor(threads);
    server.start();
  }

  /** {@code path} answers 200 with its headers at once, then {@code {"} and one byte a second for a minute. */
  public MisbehavingHttpServer dripping(String path) {
    answers.put(
        path,
        out -> {
          out.write("{\"".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          for (int i = 0; i < 60; i++) {
            Thread.sleep(1000);
            out.write('a');
            out.flush();
          }
        });
    return this;
  }

  /**
   * {@code path} answers 200 with a JSON body of {@code bytes} bytes, sent as fast as it is read.
   */
  public MisbehavingHttpServer sending(String path, long bytes) {
    answers.put(
        path,
        out -> {
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) ' ');
          out.write('{');
          long left = bytes - 2;
          while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            left -= n;
          }
          out.write('}');
        });
    return this;
  }

  /** {@code path} answers 200 with {@code json}. */
  public MisbehavingHttpServer answering(String path, String json) {
    answers.put(path, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
