package io.github.milvusmonitored.prometheus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import io.github.milvusmonitored.prometheus.PrometheusTransport.PrometheusResponse;
import io.github.milvusmonitored.prometheus.PrometheusTransport.QueryParameters;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends one API call, waits out Prometheus's start-up 503s up to a deadline, and unwraps the JSON
 * envelope into its {@code data} node or a typed exception.
 */
public final class ApiCaller {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrometheusTransport transport;
  private final Duration requestTimeout;
  private final Duration startupWait;
  private final Duration retryInterval;

  public ApiCaller(
      PrometheusTransport transport,
      Duration requestTimeout,
      Duration startupWait,
      Duration retryInterval) {
    this.transport = transport;
    this.requestTimeout = requestTimeout;
    this.startupWait = startupWait;
    this.retryInterval = retryInterval;
  }

  /** Result of a successful call: the envelope's data plus warnings and infos. */
  public record Envelope(JsonNode data, List<String> warnings, List<String> infos) {}

  /**
   * Calls {@code path} and returns the envelope of a successful answer.
   *
   * @param what the PromQL or path, for error messages
   */
  public Envelope call(String path, QueryParameters query, String what) {
    return unwrap(path, sendWaitingForStartup(path, query), what);
  }

  private Envelope unwrap(String path, PrometheusResponse response, String what) {
    JsonNode root = parse(path, response);
    if ("success".equals(root.path("status").asText())) {
      return new Envelope(
          root.path("data"),
          QueryResults.strings(root.path("warnings")),
          QueryResults.strings(root.path("infos")));
    }
    throw PrometheusErrors.apiError(
        root.path("errorType").asText("unknown"),
        root.path("error").asText(""),
        what,
        response.status());
  }

  /**
   * Like {@link #call}, but hands a successful answer's raw body to {@code fast} first; when that
   * reads it, the JSON tree is never built (instant queries are what waiting assertions repeat).
   */
  public <T> T call(
      String path,
      QueryParameters query,
      String what,
      Function<String, Optional<T>> fast,
      Function<Envelope, T> general) {
    PrometheusResponse response = sendWaitingForStartup(path, query);
    if (response.status() == 200) {
      Optional<T> read = fast.apply(response.body());
      if (read.isPresent()) {
        return read.get();
      }
    }
    return general.apply(unwrap(path, response, what));
  }

  /** Sends without unwrapping: for non-API endpoints such as {@code -/ready}. */
  public PrometheusResponse raw(String path, Duration timeout) {
    try {
      return transport.get(path, QueryParameters.none(), timeout);
    } catch (PrometheusResponseTooLargeException e) {
      throw PrometheusErrors.tooLarge(transport.baseUri(), path, e);
    } catch (IOException e) {
      throw PrometheusErrors.unreachable(transport.baseUri(), path, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("Interrupted while asking " + transport.baseUri() + path, e);
    }
  }

  private PrometheusResponse sendWaitingForStartup(String path, QueryParameters query) {
    long start = System.nanoTime();
    while (true) {
      PrometheusResponse response;
      try {
        response = transport.get(path, query, requestTimeout);
      } catch (PrometheusResponseTooLargeException e) {
        throw PrometheusErrors.tooLarge(transport.baseUri(), path, e);
      } catch (IOException e) {
        throw PrometheusErrors.unreachable(transport.baseUri(), path, requestTimeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrometheusException("Interrupted while asking " + transport.baseUri() + path, e);
      }
      // While starting, Prometheus answers every endpoint with a plain-text 503 (not JSON).
      boolean starting = response.status() == 503 && !response.isJson();
      if (!starting) {
        return response;
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(startupWait) >= 0) {
        throw PrometheusErrors.stillStarting(
            transport.baseUri(), path, startupWait, response.body());
      }
      sleep();
    }
  }

  private JsonNode parse(String path, PrometheusResponse response) {
    if (!response.isJson()) {
      if (response.status() == 404) {
        throw PrometheusErrors.notFound(
            transport.baseUri(), path, response.status(), response.body());
      }
      throw PrometheusErrors.notPrometheus(
          transport.baseUri(), path, response.status(), response.contentType(), response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw PrometheusErrors.notPrometheus(
          transport.baseUri(), path, response.status(), response.contentType(), response.body());
    }
  }

  private void sleep() {
    try {
      Thread.sleep(retryInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("Interrupted while waiting for Prometheus to start", e);
    }
  }
}
