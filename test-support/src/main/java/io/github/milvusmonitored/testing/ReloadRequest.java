package io.github.milvusmonitored.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /-/reload}, which Prometheus accepts when started with {@code
 * --web.enable-lifecycle}.
 */
final class ReloadRequest {

  private ReloadRequest() {}

  static void post(URI reload) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(reload)
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw PrometheusErrors.requestFailed(reload, response.statusCode(), response.body());
      }
    } catch (IOException e) {
      throw PrometheusErrors.unreachable(reload, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PrometheusErrors.unreachable(reload, e);
    }
  }
}
