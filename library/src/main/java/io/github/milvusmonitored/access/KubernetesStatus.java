package io.github.milvusmonitored.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Recognises the API server's own Status answers among proxied ones. */
final class KubernetesStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubernetesStatus() {}

  /** A 5xx Kubernetes Status from the proxy itself ("no endpoints available for service ..."). */
  static boolean isProxyFailure(int code, String contentType, String body) {
    if (code < 500 || body == null || !body.stripLeading().startsWith("{")) {
      return false;
    }
    return "Status".equals(read(body).path("kind").asText());
  }

  /**
   * The proxy's own 503 when its request to the endpoint failed: apimachinery's proxy transport
   * answers {@code NewServiceUnavailable("error trying to reach service: <dial error>")} (read in
   * k8s.io/apimachinery v0.35.0, pkg/util/proxy/transport.go).
   */
  static boolean isUnreachableEndpoints(int code, String contentType, String body) {
    String message = read(body).path("message").asText("");
    // "connect: connection refused": the pod answered, nothing listens there yet (Prometheus
    // starting or
    // restarting), which waiting does help; seen on the lab with Prometheus 3.12 restarting.
    return code == 503
        && isProxyFailure(code, contentType, body)
        && message.startsWith("error trying to reach service")
        && !message.contains("connection refused");
  }

  /** The Status's message alone. */
  static String rawMessage(String body) {
    return read(body).path("message").asText(body);
  }

  static String message(String body) {
    JsonNode status = read(body);
    return "Kubernetes API server: "
        + status.path("message").asText(body)
        + " ("
        + status.path("reason").asText("")
        + ")";
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
