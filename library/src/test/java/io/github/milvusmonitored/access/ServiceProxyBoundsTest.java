package io.github.milvusmonitored.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import io.github.milvusmonitored.prometheus.PrometheusTransport.QueryParameters;
import io.github.milvusmonitored.testing.MisbehavingHttpServer;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service proxy's deadline covers the body, and its body is read up to the limit. */
class ServiceProxyBoundsTest {

  private static final String PROXY =
      "/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy/";

  @Test
  void the_deadline_covers_a_body_that_arrives_one_byte_a_second() throws Exception {
    try (MisbehavingHttpServer apiServer =
            new MisbehavingHttpServer()
                .dripping(PROXY + "api/v1/query")
                .answering(
                    "/apis/networking.k8s.io/v1/namespaces/monitoring/networkpolicies",
                    "{\"kind\":\"NetworkPolicyList\",\"apiVersion\":\"networking.k8s.io/v1\",\"items\":[]}");
        KubernetesClient client = clientOf(apiServer)) {
      ServiceProxyTransport transport =
          ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web");

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(
                      () ->
                          transport.get(
                              "api/v1/query",
                              QueryParameters.of("query", "up"),
                              Duration.ofSeconds(1)))
                  .isInstanceOf(HttpTimeoutException.class)
                  .hasMessage(
                      "no complete answer (headers and body) from "
                          + transport.baseUri()
                          + "api/v1/query within 1 s"));
    }
  }

  @Test
  void an_answer_over_the_limit_stops_the_read() throws Exception {
    try (MisbehavingHttpServer apiServer =
            new MisbehavingHttpServer()
                .sending(PROXY + "api/v1/query", PrometheusTransport.MAX_BODY_BYTES + 1);
        KubernetesClient client = clientOf(apiServer)) {
      ServiceProxyTransport transport =
          ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web");

      assertThatThrownBy(
              () -> transport.get("api/v1/query", QueryParameters.none(), Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              PrometheusResponseTooLargeException.class,
              e -> assertThat(e.limitBytes()).isEqualTo(PrometheusTransport.MAX_BODY_BYTES));
    }
  }

  private static KubernetesClient clientOf(MisbehavingHttpServer apiServer) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl(apiServer.uri().toString())
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }
}
