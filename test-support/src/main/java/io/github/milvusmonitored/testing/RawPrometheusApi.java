package io.github.milvusmonitored.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain HTTP GETs of the Prometheus API returning Jackson trees, for tests of the harness and its
 * users.
 *
 * <pre>{@code
 * JsonNode result = new RawPrometheusApi(prometheus::baseUri).query("up{job=\"my-release-milvus\"}");
 * }</pre>
 */
public final class RawPrometheusApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<URI> baseUri;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * An API on the base URI the supplier gives at each call (it changes when a container restarts).
   */
  public RawPrometheusApi(Supplier<URI> baseUri) {
    this.baseUri = baseUri;
  }

  /**
   * GETs {@code pathAndQuery} (e.g. {@code /api/v1/targets?state=any}) and returns the whole JSON
   * body.
   */
  public JsonNode get(String pathAndQuery) {
    URI uri = baseUri.get().resolve(pathAndQuery);
    HttpResponse<String> response = send(uri);
    if (response.statusCode() != 200) {
      throw PrometheusErrors.requestFailed(uri, response.statusCode(), response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw PrometheusErrors.requestFailed(uri, response.statusCode(), response.body());
    }
  }

  /** The HTTP status of a GET, without reading JSON ({@code /-/ready}, {@code /-/healthy}). */
  public int status(String path) {
    return send(baseUri.get().resolve(path)).statusCode();
  }

  /** {@code data.result} of an instant query. */
  public JsonNode query(String promql) {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .path("data")
        .path("result");
  }

  /** {@code data} of {@code /api/v1/targets?state=any}: activeTargets and droppedTargets. */
  public JsonNode targets() {
    return get("/api/v1/targets?state=any").path("data");
  }

  /**
   * Repeats an instant query until its result satisfies the condition and returns that result.
   *
   * <pre>{@code api.awaitQuery("milvus_build_info", r -> r.size() == 1, Duration.ofSeconds(20));}
   * </pre>
   */
  public JsonNode awaitQuery(String promql, Predicate<JsonNode> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastSeen = "nothing yet";
    while (true) {
      try {
        JsonNode result = query(promql);
        if (condition.test(result)) {
          return result;
        }
        lastSeen = result.toString();
      } catch (IllegalStateException e) {
        lastSeen = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw PrometheusErrors.timedOut(
            "query " + promql + " to satisfy the condition", timeout, lastSeen);
      }
      sleep(200);
    }
  }

  private HttpResponse<String> send(URI uri) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw PrometheusErrors.unreachable(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PrometheusErrors.unreachable(uri, e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Prometheus", e);
    }
  }
}
