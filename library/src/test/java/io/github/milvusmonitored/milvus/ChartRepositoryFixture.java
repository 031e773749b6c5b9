package io.github.milvusmonitored.milvus;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A Helm chart repository on localhost serving the packaged fixture chart. */
final class ChartRepositoryFixture implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  final byte[] archive;

  ChartRepositoryFixture(Path workDir) throws Exception {
    new Helm(ChartFixture.directory()).packageIt().withDestination(workDir).call();
    archive = Files.readAllBytes(workDir.resolve("milvus-5.0.19.tgz"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = files.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    serveIndex(sha256(archive));
    files.put("/milvus-helm/charts/milvus-5.0.19.tgz", archive);
  }

  /** Serves an index announcing 5.0.19 (with this digest) and 5.0.18, plus another chart. */
  void serveIndex(String digest) {
    String index =
        "apiVersion: v1\nentries:\n"
            + "  attu:\n  - version: 1.0.0\n    urls: [charts/attu-1.0.0.tgz]\n"
            + "  milvus:\n"
            + "  - version: 5.0.19\n    appVersion: 2.6.15\n    digest: '"
            + digest
            + "'\n"
            + "    urls: [charts/milvus-5.0.19.tgz]\n"
            + "  - version: 5.0.18\n    urls: [charts/milvus-5.0.18.tgz]\n";
    files.put("/milvus-helm/index.yaml", index.getBytes(StandardCharsets.UTF_8));
  }

  String repository() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/milvus-helm/";
  }

  int requests() {
    return requests.get();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
  }
}
