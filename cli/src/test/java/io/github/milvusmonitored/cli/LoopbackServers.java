package io.github.milvusmonitored.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Servers on 127.0.0.1 that misbehave the ways a Prometheus, a Milvus /metrics or a Kubernetes API
 * server can: answer 500, answer HTML, drip one byte per second, close the connection, never
 * answer, or not listen at all. Closed with the test class.
 */
final class LoopbackServers implements AutoCloseable {

  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
          });
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  /**
   * An HTTP server answering every request with {@code status} and {@code body} of {@code
   * contentType}.
   */
  String answering(int status, String contentType, String body) throws IOException {
    return http(
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  /**
   * An HTTP server that sends 200 and its headers at once, then one byte of the body per second.
   */
  String dripping() throws IOException {
    return http(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 1_000_000);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 600; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** A server that accepts, reads the request and closes the connection without a word. */
  String closing() throws IOException {
    return raw(
        socket -> {
          socket.getInputStream().read(new byte[8192]);
          socket.close();
        });
  }

  /** A server that accepts and reads but never answers. */
  String silent() throws IOException {
    return raw(
        socket -> {
          InputStream in = socket.getInputStream();
          byte[] buffer = new byte[8192];
          while (in.read(buffer) >= 0) {
            // keep the connection open, say nothing
          }
        });
  }

  /** A loopback URL where nothing listens. */
  static String closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private String http(HttpHandler handler) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext(
        "/",
        exchange -> {
          try (HttpExchange e = exchange) {
            handler.handle(e);
          } catch (IOException e) {
            // the client gave up: what these servers are for
          }
        });
    server.setExecutor(threads);
    server.start();
    open.add(() -> server.stop(0));
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private interface Connection {
    void serve(Socket socket) throws IOException;
  }

  private String raw(Connection connection) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    open.add(server);
    threads.execute(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket socket = server.accept();
              open.add(socket);
              threads.execute(
                  () -> {
                    try {
                      connection.serve(socket);
                    } catch (IOException e) {
                      // the client gave up
                    }
                  });
            } catch (IOException e) {
              return;
            }
          }
        });
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : List.copyOf(open)) {
      c.close();
    }
    threads.shutdownNow();
  }
}
