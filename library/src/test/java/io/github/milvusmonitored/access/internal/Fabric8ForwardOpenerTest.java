package io.github.milvusmonitored.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.github.milvusmonitored.access.ForwardTarget;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8ForwardOpenerTest {

  // fabric8's mock (7.5.2, WebSocketSession) closes a session as soon as no message of it is
  // pending and
  // it expects none from the client. Its onOpen registers the messages one by one while a scheduler
  // thread
  // already sends those due at once: that thread can send the first port preface, find nothing
  // pending yet
  // and close the session before any data ("expected: first, but was: null" with the close reason
  // "Closing...", 10 of 60 repetitions on a busy machine). A client message the session waits for
  // keeps it
  // open until the client closes it; the forwards here never send this one.
  private static final String NEVER_SENT = "a message the forward never sends";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void forwards_local_connections_to_the_ready_pod_through_the_api_server() throws Exception {
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
                .withSelector(Map.of("app", "prometheus"))
                .addNewPort()
                .withName("web")
                .withPort(9090)
                .withTargetPort(new IntOrString("web"))
                .endPort()
                .endSpec()
                .build())
        .create();
    pod("prometheus-k8s-0", false);
    pod("prometheus-k8s-1", true);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/monitoring/pods/prometheus-k8s-1/portforward?ports=9090")
        .andUpgradeToWebSocket()
        .open(new WebSocketMessage(portPreface(0)), new WebSocketMessage(portPreface(1)))
        .waitFor(50)
        .andEmit(at(50, data("HTTP/1.1 200 OK from prometheus-k8s-1\n")))
        .expect(NEVER_SENT)
        .andEmit("unused")
        .always()
        .done()
        .always();

    var opener = new Fabric8ForwardOpener(client, ForwardTarget.PROMETHEUS_UI);
    try (var forward = opener.open(0, null)) {
      assertThat(readLine(forward.localPort())).isEqualTo("HTTP/1.1 200 OK from prometheus-k8s-1");
      assertThat(forward.pod()).isEqualTo("prometheus-k8s-1");
      assertThat(forward.problem()).isNull();
    }
  }

  @Test
  void a_healthy_stream_survives_a_failed_connection_beside_it() throws Exception {
    prometheusService();
    pod("prometheus-k8s-0", true);
    String path = "/api/v1/namespaces/monitoring/pods/prometheus-k8s-0/portforward?ports=9090";
    // First connection: a long stream (think gRPC) that sends again after a pause.
    server
        .expect()
        .get()
        .withPath(path)
        .andUpgradeToWebSocket()
        .open(new WebSocketMessage(portPreface(0)), new WebSocketMessage(portPreface(1)))
        .waitFor(50)
        .andEmit(at(50, data("first\n")))
        .waitFor(1_500)
        .andEmit(at(1_500, data("second\n")))
        .expect(NEVER_SENT)
        .andEmit("unused")
        .always()
        .done()
        .once();
    // Second connection: the API server refuses the stream (a failure the mock delivers reliably;
    // an
    // error on the stream's channel 1 may be overtaken by the mock closing the session).
    server
        .expect()
        .get()
        .withPath(path)
        .andReturn(
            404,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"pods \\\"prometheus-k8s-0\\\" not found\",\"code\":404}")
        .once();

    var opener = new Fabric8ForwardOpener(client, ForwardTarget.PROMETHEUS_UI);
    try (var forward =
            ReconnectingForward.open(opener, 0, Duration.ofMillis(100), Duration.ofSeconds(5));
        Socket stream = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
      stream.setSoTimeout(10_000);
      InputStream in = stream.getInputStream();
      assertThat(readLine(in)).isEqualTo("first");

      try (Socket dropped = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
        dropped.setSoTimeout(10_000);
        assertThat(dropped.getInputStream().read()).isEqualTo(-1);
      }
      Thread.sleep(800); // several checks of the forward happen meanwhile

      assertThat(forward.reconnects()).isZero();
      assertThat(readLine(in)).isEqualTo("second");
    }
  }

  @Test
  void a_forward_whose_new_connection_fails_with_none_open_reports_it() throws Exception {
    prometheusService();
    pod("prometheus-k8s-0", true);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/monitoring/pods/prometheus-k8s-0/portforward?ports=9090")
        .andReturn(
            404,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"pods \\\"prometheus-k8s-0\\\" not found\",\"code\":404}")
        .always();

    var opener = new Fabric8ForwardOpener(client, ForwardTarget.PROMETHEUS_UI);
    try (var forward = opener.open(0, null)) {
      assertThat(forward.problem()).isNull();
      try (Socket failing = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
        failing.setSoTimeout(10_000);
        assertThat(failing.getInputStream().read()).isEqualTo(-1);
      }

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(forward.problem())
                      .isEqualTo(
                          "its newest connection failed and no other connection is open: [WebSocketHandshakeException: WebSocket upgrade failure: 404]"));
    }
  }

  private void prometheusService() {
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
                .withSelector(Map.of("app", "prometheus"))
                .addNewPort()
                .withName("web")
                .withPort(9090)
                .withTargetPort(new IntOrString("web"))
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private static String readLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return c == -1 && line.length() == 0 ? null : line.toString();
  }

  // The mock keeps a message's own delay (0 for new WebSocketMessage(bytes)), not the one of
  // waitFor.
  private static WebSocketMessage at(long millis, byte[] body) {
    return new WebSocketMessage(millis, body, true);
  }

  private static String readLine(int port) throws java.io.IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      return readLine(socket.getInputStream());
    }
  }

  // The kubelet opens each channel with the port number, little-endian.
  private static byte[] portPreface(int channel) {
    return new byte[] {(byte) channel, (byte) (9090 & 0xff), (byte) (9090 >> 8)};
  }

  private static byte[] data(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(new byte[] {0}, body.length + 1);
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private void pod(String name, boolean ready) {
    client
        .pods()
        .inNamespace("monitoring")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName(name)
                .withLabels(Map.of("app", "prometheus"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("prometheus")
                .withImage("img")
                .addNewPort()
                .withName("web")
                .withContainerPort(9090)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }
}
