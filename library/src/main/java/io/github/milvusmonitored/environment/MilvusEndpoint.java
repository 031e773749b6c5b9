package io.github.milvusmonitored.environment;

import java.net.URI;

/**
 * Where a test reaches Milvus's gRPC port (19530) from the JVM, usually a local port-forward.
 *
 * <pre>{@code
 * MilvusClientV2 milvus = new MilvusClientV2(ConnectConfig.builder().uri(endpoint.uri().toString()).build());
 * }</pre>
 *
 * @param host the host to connect to
 * @param port the port to connect to
 */
public record MilvusEndpoint(String host, int port) {
  public MilvusEndpoint {
    if (host == null || host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "Milvus endpoint needs a host and a port in 1..65535, got " + host + ":" + port);
    }
  }

  /** {@code http://host:port}, the form the Milvus Java SDK's {@code ConnectConfig.uri} takes. */
  public URI uri() {
    return URI.create("http://" + host + ":" + port);
  }
}
