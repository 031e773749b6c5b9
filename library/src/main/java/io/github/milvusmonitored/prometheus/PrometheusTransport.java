package io.github.milvusmonitored.prometheus;

import io.github.milvusmonitored.prometheus.internal.JdkHttpTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Carries one HTTP GET to a Prometheus server and brings back its raw answer.
 *
 * <p>The default transport talks HTTP directly ({@link PrometheusClient#create(URI)}). Others reach
 * Prometheus differently, for example through the Kubernetes API server's service proxy, without
 * changing anything above this interface:
 *
 * <pre>{@code
 * PrometheusClient client = PrometheusClient.builder(myTransport).build();
 * }</pre>
 */
public interface PrometheusTransport {

  /**
   * The most a transport reads of one answer: 64 MiB. A larger body fails with {@link
   * PrometheusResponseTooLargeException} instead of filling the test's memory.
   */
  long MAX_BODY_BYTES = 64L << 20;

  /**
   * The default transport: plain HTTP(S) to {@code base} with the JDK's HTTP client, one deadline
   * over each whole exchange and the body capped at {@link #MAX_BODY_BYTES}. User information in
   * the URI ({@code http://user:password@host}) is sent as basic authentication and never printed.
   *
   * @param connectTimeout how long to wait for a connection
   */
  static PrometheusTransport http(URI base, Duration connectTimeout) {
    return new JdkHttpTransport(base, connectTimeout);
  }

  /**
   * Sends {@code GET <base>/<path>?<query>} and returns the answer whatever its status code.
   *
   * @param path path below the Prometheus base URI without a leading slash, e.g. {@code
   *     api/v1/query}
   * @param query query parameters, in order; values are not encoded yet; a key may repeat through
   *     {@link QueryParameters}
   * @param timeout the deadline for this single request, over the whole exchange: connecting, the
   *     headers and the body
   * @throws IOException when no complete HTTP answer arrived (connection refused, reset, timed
   *     out); {@link PrometheusResponseTooLargeException} when the body is larger than {@link
   *     #MAX_BODY_BYTES}
   */
  PrometheusResponse get(String path, QueryParameters query, Duration timeout)
      throws IOException, InterruptedException;

  /**
   * Where requests go, for messages: the base URI or a description such as a service proxy path.
   */
  URI baseUri();

  /** Raw HTTP answer: status code, content type (may be empty) and body as text. */
  record PrometheusResponse(int status, String contentType, String body) {
    public PrometheusResponse {
      contentType = contentType == null ? "" : contentType;
      body = body == null ? "" : body;
    }

    /**
     * Whether the body is JSON: by its content type, or, since some proxies drop that, by starting
     * with an object (Prometheus's envelope always is one). Prometheus answers plain text while it
     * starts.
     */
    public boolean isJson() {
      return contentType.toLowerCase(Locale.ROOT).contains("json")
          || body.stripLeading().startsWith("{");
    }
  }

  /**
   * Ordered query parameters in which a key may repeat ({@code match[]}).
   *
   * @param entries the parameters in order
   */
  record QueryParameters(List<Map.Entry<String, String>> entries) {
    public QueryParameters {
      entries = List.copyOf(entries);
    }

    public static QueryParameters none() {
      return new QueryParameters(List.of());
    }

    public static QueryParameters of(String key, String value) {
      return none().and(key, value);
    }

    /** A copy with one more parameter; a null value leaves it out. */
    public QueryParameters and(String key, String value) {
      if (value == null) {
        return this;
      }
      var copy = new ArrayList<>(entries);
      copy.add(Map.entry(key, value));
      return new QueryParameters(copy);
    }

    /** The parameters URL-encoded as {@code a=1&b=2}; empty when there are none. */
    public String encoded() {
      var out = new StringBuilder();
      for (var e : entries) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      }
      return out.toString();
    }

    private static String encode(String s) {
      // Go decodes "+" as a space too, but %20 is unambiguous through proxies.
      return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
