package io.github.milvusmonitored.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusQueryException;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class ServiceProxyTransportTest {

  private static final String PROXY =
      "/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void queries_prometheus_through_the_api_server_service_proxy() {
    server
        .expect()
        .get()
        .withPath(PROXY + "/api/v1/query?query=up%7Bnamespace%3D%22milvus%22%7D")
        .andReturn(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"namespace\":\"milvus\"},\"value\":[1700000000,\"1\"]}]}}")
        .always();

    PrometheusClient prometheus = ServiceProxyTransport.prometheus(client);

    assertThat(prometheus.query("up{namespace=\"milvus\"}").single().value()).isEqualTo(1.0);
    assertThat(prometheus.baseUri().toString()).endsWith(PROXY + "/");
  }

  @Test
  void keeps_prometheus_error_envelopes_that_fabric8_raw_would_hide() {
    server
        .expect()
        .get()
        .withPath(PROXY + "/api/v1/query?query=sum%28")
        .andReturn(
            400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error: unclosed left parenthesis\"}")
        .always();

    assertThatThrownBy(() -> ServiceProxyTransport.prometheus(client).query("sum("))
        .isInstanceOfSatisfying(
            PrometheusQueryException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("bad_data");
              assertThat(e.httpStatus()).isEqualTo(400);
            });
  }

  @Test
  void treats_no_endpoints_from_the_api_server_as_prometheus_still_starting() {
    server
        .expect()
        .get()
        .withPath(PROXY + "/api/v1/query?query=up")
        .andReturn(
            503,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"no endpoints available for service \\\"prometheus-k8s\\\"\",\"reason\":\"ServiceUnavailable\",\"code\":503}")
        .always();
    PrometheusClient prometheus =
        PrometheusClient.builder(
                ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web"))
            .withStartupWait(Duration.ofMillis(500))
            .withRetryInterval(Duration.ofMillis(50))
            .build();

    assertThatThrownBy(() -> prometheus.query("up"))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageContaining("was still starting")
        .hasMessageContaining(
            "no endpoints available for service \"prometheus-k8s\" (ServiceUnavailable)");
  }
}
