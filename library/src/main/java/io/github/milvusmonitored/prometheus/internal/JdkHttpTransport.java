package io.github.milvusmonitored.prometheus.internal;

import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain HTTP to a Prometheus base URI with the JDK's client. The timeout covers the whole exchange
 * (the JDK's request timeout stops at the headers: a server that then sends one byte a second would
 * hold the caller forever) and the body is read up to {@link PrometheusTransport#MAX_BODY_BYTES}.
 * User information in the URI ({@code https://user:password@host/}) is sent as HTTP basic
 * authentication and never printed: {@link #baseUri()} shows it as {@code ***}.
 */
public final class JdkHttpTransport implements PrometheusTransport {

  private final URI shown;
  private final String baseText;
  private final String authorization;
  private final HttpClient http;
  private final long maxBodyBytes;

  public JdkHttpTransport(URI base, Duration connectTimeout) {
    this(base, connectTimeout, MAX_BODY_BYTES);
  }

  JdkHttpTransport(URI base, Duration connectTimeout, long maxBodyBytes) {
    String userInfo = base.getUserInfo();
    this.authorization =
        userInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    String text = withoutUserInfo(base).toString();
    this.baseText = text.endsWith("/") ? text : text + "/";
    this.shown =
        Redaction.uri(URI.create(userInfo == null ? baseText : withSlash(base.toString())));
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public PrometheusResponse get(String path, QueryParameters query, Duration timeout)
      throws IOException, InterruptedException {
    String q = query.encoded();
    URI uri = URI.create(q.isEmpty() ? baseText + path : baseText + path + "?" + q);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, CappedBody.handler(uri, maxBodyBytes));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException(
          "no complete answer (headers and body) within " + MonitoredDuration.humanText(timeout));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    return new PrometheusResponse(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        new String(response.body(), StandardCharsets.UTF_8));
  }

  @Override
  public URI baseUri() {
    return shown;
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String text = uri.toString();
    return URI.create(
        text.substring(0, text.indexOf("//") + 2) + text.substring(text.indexOf('@') + 1));
  }

  private static String withSlash(String text) {
    return text.endsWith("/") ? text : text + "/";
  }
}
