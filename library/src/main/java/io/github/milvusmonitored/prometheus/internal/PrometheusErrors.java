package io.github.milvusmonitored.prometheus.internal;

import io.github.milvusmonitored.internal.Causes;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.PrometheusQueryException;
import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import io.github.milvusmonitored.prometheus.UnexpectedResultTypeException;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Every message the Prometheus client raises, in one place so they stay consistent and tested. */
public final class PrometheusErrors {

  private PrometheusErrors() {}

  public static IllegalArgumentException notHttp(URI uri) {
    return new IllegalArgumentException(
        "Prometheus URI must be absolute http or https, got '"
            + uri
            + "'. Example: http://localhost:9090 (a port-forward) or the API server's service proxy"
            + " through PrometheusClient.builder(transport).");
  }

  public static IllegalArgumentException badLabelName(String name) {
    return new IllegalArgumentException(
        "'"
            + name
            + "' is not a valid Prometheus label name"
            + " (pattern [a-zA-Z_][a-zA-Z0-9_]*). Kubernetes labels appear with dots and slashes replaced"
            + " by underscores, e.g. app_kubernetes_io_instance.");
  }

  public static IllegalArgumentException badRange(Instant start, Instant end, Duration step) {
    return new IllegalArgumentException(
        "Range query needs start <= end and a positive step, got start="
            + start
            + " end="
            + end
            + " step="
            + MonitoredDuration.humanText(step)
            + ".");
  }

  /**
   * No HTTP answer to {@code path}: the connection was refused, the request timed out, or the
   * connection failed otherwise; the message says which.
   */
  public static PrometheusUnavailableException unreachable(
      URI uri, String path, Duration timeout, Exception cause) {
    String what =
        Causes.isRefused(cause)
            ? "refused the connection for " + path + " (connection refused)"
            : Causes.isTimeout(cause)
                ? "did not answer "
                    + path
                    + " within "
                    + MonitoredDuration.humanText(timeout)
                    + " ("
                    + describe(cause)
                    + ")"
                : "failed to answer " + path + " (" + describe(cause) + ")";
    return new PrometheusUnavailableException(
        "Prometheus at "
            + uri
            + " "
            + what
            + "."
            + UNREACHABLE_CAUSES
            + " Check that "
            + uri.resolve("-/ready")
            + " answers 200; on Kubernetes look at the pods in namespace"
            + " 'monitoring' (kubectl -n monitoring get pods).",
        uri,
        timeout,
        cause);
  }

  /** An answer larger than a transport reads: what stopped, and how to ask for less. */
  public static PrometheusException tooLarge(
      URI uri, String path, PrometheusResponseTooLargeException cause) {
    return new PrometheusException(
        "Prometheus at "
            + uri
            + " answered "
            + path
            + " with more than "
            + (cause.limitBytes() >> 20)
            + " MiB, the most the client reads of one answer, and reading stopped there."
            + " Likely cause: a query that selects very many series, or a range query over a long range with a small"
            + " step. Ask for less: label matchers, an aggregation such as sum by (...), a shorter range or a larger"
            + " step.",
        cause);
  }

  /**
   * {@code -/ready} never answered 200 within {@code timeout}; {@code lastAnswer} is the last
   * reason, one level.
   */
  public static PrometheusUnavailableException notReady(
      URI uri, Duration timeout, String lastAnswer, Throwable cause) {
    return new PrometheusUnavailableException(
        "Prometheus at "
            + uri
            + " was not ready within "
            + MonitoredDuration.humanText(timeout)
            + ": the last ask of -/ready got "
            + lastAnswer
            + "."
            + UNREACHABLE_CAUSES
            + " A large WAL replay"
            + " takes longer: pass a longer timeout, or check Prometheus's log for why it does not become ready.",
        uri,
        timeout,
        cause);
  }

  /**
   * How one ask of {@code -/ready} went, for {@link #notReady}: e.g. {@code connection refused}.
   */
  public static String readyAnswer(int status, String body) {
    return "HTTP " + status + " '" + excerpt(body) + "'";
  }

  /**
   * How one failed ask went, for {@link #notReady}: the transport's error without the client's
   * wording.
   */
  public static String readyAnswer(PrometheusUnavailableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Exception ex) {
      return Causes.isRefused(ex)
          ? "connection refused"
          : Causes.isTimeout(ex)
              ? "no answer within " + MonitoredDuration.humanText(e.timeout())
              : describe(ex);
    }
    return "no answer";
  }

  public static PrometheusUnavailableException stillStarting(
      URI uri, String path, Duration waited, String body) {
    return new PrometheusUnavailableException(
        "Prometheus at "
            + uri
            + " was still starting after "
            + MonitoredDuration.humanText(waited)
            + ": "
            + path
            + " kept answering 503 '"
            + excerpt(body)
            + "'. A large WAL replay"
            + " takes longer; raise the client's startup wait, or check Prometheus's log for why it"
            + " does not become ready.",
        uri,
        waited,
        null);
  }

  public static PrometheusQueryException apiError(
      String errorType, String error, String query, int status) {
    return new PrometheusQueryException(
        "Prometheus rejected '"
            + query
            + "' (HTTP "
            + status
            + ", "
            + errorType
            + "): "
            + error
            + hint(errorType),
        errorType,
        error,
        query,
        status);
  }

  public static PrometheusQueryException notFound(URI uri, String path, int status, String body) {
    return new PrometheusQueryException(
        "Prometheus at "
            + uri
            + " has no endpoint "
            + path
            + " (HTTP "
            + status
            + ": '"
            + excerpt(body)
            + "'). The server may be older than the API needs, or the URI"
            + " does not point at Prometheus.",
        "not_found",
        excerpt(body),
        path,
        status);
  }

  public static PrometheusException notPrometheus(
      URI uri, String path, int status, String contentType, String body) {
    return new PrometheusException(
        "Unexpected answer from "
            + uri
            + " for "
            + path
            + ": HTTP "
            + status
            + " '"
            + contentType
            + "' '"
            + excerpt(body)
            + "'. Is this URI a Prometheus server (and, through"
            + " a proxy, is the proxy path right)?");
  }

  public static UnexpectedResultTypeException wrongType(
      String query, String expected, String actual) {
    String hint =
        "matrix".equals(actual)
            ? " The query ends in a range selector ([5m]); wrap it in a function such as rate(...[5m]) or"
                + " last_over_time(...[5m]), or use queryRange(...) for values over time."
            : " Ask for the matching type instead.";
    return new UnexpectedResultTypeException(
        "Expected an instant vector from '"
            + query
            + "' but"
            + " Prometheus returned a "
            + actual
            + "."
            + hint,
        expected,
        actual);
  }

  private static String hint(String errorType) {
    return switch (errorType) {
      case "bad_data" ->
          ". The PromQL does not parse or a parameter is invalid: check the expression"
              + " in the Prometheus UI's graph page.";
      case "execution" ->
          ". The query parsed but failed while running (e.g. many-to-many matching,"
              + " or a sample limit).";
      case "timeout" -> ". The query timed out inside Prometheus: narrow its selectors or range.";
      default -> ".";
    };
  }

  private static final String UNREACHABLE_CAUSES =
      " Likely causes: Prometheus is not running or not ready"
          + " yet, the port-forward dropped, or the URI is wrong.";

  /**
   * Whether {@code e} (or a cause) is a refused TCP connect, as the JDK, Vert.x and OkHttp report
   * one.
   */
  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static String excerpt(String body) {
    String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
