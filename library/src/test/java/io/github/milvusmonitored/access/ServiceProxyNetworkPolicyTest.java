package io.github.milvusmonitored.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import io.github.milvusmonitored.prometheus.internal.JdkHttpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server's 503 "error trying to reach service" (a NetworkPolicy that keeps the API server
 * out) is told apart from "Prometheus still starting", and the fallback transport switches to a
 * port-forward.
 */
@EnableKubernetesMockClient(crud = true)
class ServiceProxyNetworkPolicyTest {

  private static final String PROXY =
      "/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy";
  // What apimachinery's proxy transport answers when its dial fails (NewServiceUnavailable,
  // v0.35.0).
  private static final String UNREACHABLE =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
          + "\"status\":\"Failure\",\"message\":\"error trying to reach service: dial tcp 10.42.1.7:9090: i/o timeout\","
          + "\"reason\":\"ServiceUnavailable\",\"code\":503}";
  private static final Map<String, String> PROMETHEUS_LABELS =
      Map.of(
          "app.kubernetes.io/component",
          "prometheus",
          "app.kubernetes.io/instance",
          "k8s",
          "app.kubernetes.io/name",
          "prometheus",
          "app.kubernetes.io/part-of",
          "kube-prometheus");
  private static final String EXPECTED =
      "The Kubernetes API server could not reach"
          + " monitoring/svc/prometheus-k8s:web through its service proxy (HTTP 503: error trying to reach service:"
          + " dial tcp 10.42.1.7:9090: i/o timeout). NetworkPolicy monitoring/prometheus-k8s selects the Service's"
          + " pods and admits only pods app.kubernetes.io/name=prometheus, pods"
          + " app.kubernetes.io/name=prometheus-adapter, pods app.kubernetes.io/name=grafana: not the API server,"
          + " whose requests come from outside the pod network on multi-node and managed clusters with an enforcing"
          + " network plugin (kube-prometheus ships this policy). Two ways out: allow the API server in the policy"
          + " (an ingress rule from the API server's addresses, or remove the policy in a test cluster), or use the"
          + " port-forward transport (PortForwards.of(client).prometheusUi() with PrometheusClient.create(uri)),"
          + " which needs no such route and which milvus-monitored falls back to by itself.";

  KubernetesMockServer server;
  KubernetesClient client;
  HttpServer forwarded;
  final AtomicInteger forwardedRequests = new AtomicInteger();

  @BeforeEach
  void kubePrometheusObjects() {
    client
        .services()
        .inNamespace("monitoring")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("prometheus-k8s")
                .endMetadata()
                .withNewSpec()
                .withSelector(PROMETHEUS_LABELS)
                .addNewPort()
                .withName("web")
                .withPort(9090)
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .pods()
        .inNamespace("monitoring")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("prometheus-k8s-0")
                .withLabels(PROMETHEUS_LABELS)
                .endMetadata()
                .build())
        .create();
    // kube-prometheus v0.18.0's monitoring/prometheus-k8s: ingress to 9090 only from these pods.
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("monitoring")
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("prometheus-k8s")
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(PROMETHEUS_LABELS)
                .endPodSelector()
                .withPolicyTypes("Egress", "Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(Map.of("app.kubernetes.io/name", "prometheus"))
                .endPodSelector()
                .endFrom()
                .addNewPort()
                .withNewPort(9090)
                .withProtocol("TCP")
                .endPort()
                .endIngress()
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(Map.of("app.kubernetes.io/name", "prometheus-adapter"))
                .endPodSelector()
                .endFrom()
                .endIngress()
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(Map.of("app.kubernetes.io/name", "grafana"))
                .endPodSelector()
                .endFrom()
                .endIngress()
                .addNewEgress()
                .endEgress()
                .endSpec()
                .build())
        .create();
    server.expect().get().withPath(PROXY + "/-/ready").andReturn(503, UNREACHABLE).always();
    server
        .expect()
        .get()
        .withPath(PROXY + "/api/v1/query?query=up")
        .andReturn(503, UNREACHABLE)
        .always();
  }

  @AfterEach
  void stopForwarded() {
    if (forwarded != null) {
      forwarded.stop(0);
    }
  }

  @Test
  void fails_at_once_naming_the_network_policy_instead_of_waiting_for_prometheus_to_start() {
    PrometheusClient prometheus =
        PrometheusClient.builder(
                ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web"))
            .withStartupWait(Duration.ofSeconds(30))
            .withRetryInterval(Duration.ofMillis(50))
            .build();
    long started = System.nanoTime();

    assertThatThrownBy(() -> prometheus.query("up"))
        .isInstanceOf(PrometheusUnavailableException.class)
        .hasMessageNotContaining("was still starting")
        .hasMessageContaining(EXPECTED);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void says_so_when_no_policy_restricts_the_pods() {
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("monitoring")
        .withName("prometheus-k8s")
        .delete();
    PrometheusClient prometheus =
        PrometheusClient.builder(
                ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web"))
            .withStartupWait(Duration.ofSeconds(30))
            .build();

    assertThatThrownBy(() -> prometheus.query("up"))
        .hasMessageContaining(
            "(HTTP 503: error trying to reach service: dial tcp 10.42.1.7:9090: i/o timeout)."
                + " No NetworkPolicy restricts the Service's pods, so the API server likely has no route to the pod"
                + " network");
  }

  @Test
  void falls_back_to_the_port_forward_once_and_keeps_using_it() throws Exception {
    URI local = startLocalPrometheus();
    ProxyThenForwardTransport transport =
        new ProxyThenForwardTransport(
            ServiceProxyTransport.of(client, "monitoring", "prometheus-k8s", "web"),
            ForwardTarget.PROMETHEUS_UI,
            () ->
                new ProxyThenForwardTransport.Fallback(
                    new JdkHttpTransport(local, Duration.ofSeconds(5)), () -> {}));
    PrometheusClient prometheus = PrometheusClient.builder(transport).build();

    prometheus.awaitReady(Duration.ofSeconds(10));
    double up = prometheus.query("up").single().value();

    assertThat(up).isEqualTo(1.0);
    assertThat(transport.fallbackReason()).hasValue(EXPECTED);
    assertThat(transport.baseUri()).isEqualTo(URI.create(local + "/"));
    assertThat(forwardedRequests).hasValue(2);
    transport.close();
  }

  private URI startLocalPrometheus() throws java.io.IOException {
    forwarded = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    forwarded.createContext(
        "/",
        exchange -> {
          forwardedRequests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              (path.equals("/-/ready")
                      ? "Prometheus Server is Ready.\n"
                      : "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                          + "{\"metric\":{\"__name__\":\"up\"},\"value\":[1700000000,\"1\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", path.equals("/-/ready") ? "text/plain" : "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    forwarded.start();
    return URI.create("http://127.0.0.1:" + forwarded.getAddress().getPort());
  }
}
