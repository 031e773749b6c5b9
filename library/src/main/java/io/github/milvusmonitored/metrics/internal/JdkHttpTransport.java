package io.github.milvusmonitored.metrics.internal;

import io.github.milvusmonitored.metrics.PrometheusTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to a Prometheus base URI with the JDK's client. */
public final class JdkHttpTransport implements PrometheusTransport {

  private final URI base;
  private final String baseText;
  private final HttpClient http;

  public JdkHttpTransport(URI base, Duration connectTimeout) {
    String text = base.toString();
    this.baseText = text.endsWith("/") ? text : text + "/";
    this.base = URI.create(baseText);
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .build();
  }

  @Override
  public PrometheusResponse get(String path, QueryParameters query, Duration timeout)
      throws IOException, InterruptedException {
    String q = query.encoded();
    URI uri = URI.create(q.isEmpty() ? baseText + path : baseText + path + "?" + q);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("Accept", "application/json").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new PrometheusResponse(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  @Override
  public URI baseUri() {
    return base;
  }
}
