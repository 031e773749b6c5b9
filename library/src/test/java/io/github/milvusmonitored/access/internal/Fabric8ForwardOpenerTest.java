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

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void forwards_local_connections_to_the_ready_pod_through_the_api_server() throws Exception {
    client.services().inNamespace("monitoring").resource(new ServiceBuilder().withNewMetadata()
        .withNamespace("monitoring").withName("prometheus-k8s").endMetadata()
        .withNewSpec().withSelector(Map.of("app", "prometheus"))
        .addNewPort().withName("web").withPort(9090).withTargetPort(new IntOrString("web")).endPort().endSpec().build())
        .create();
    pod("prometheus-k8s-0", false);
    pod("prometheus-k8s-1", true);
    server.expect().get().withPath("/api/v1/namespaces/monitoring/pods/prometheus-k8s-1/portforward?ports=9090")
        .andUpgradeToWebSocket()
        .open(new WebSocketMessage(portPreface(0)), new WebSocketMessage(portPreface(1)))
        .waitFor(50).andEmit(new WebSocketMessage(data("HTTP/1.1 200 OK from prometheus-k8s-1\n")))
        // The mock closes a session right after its last message, which can overtake the data: keep it open.
        .waitFor(60_000).andEmit(new WebSocketMessage(data("")))
        .done().always();

    var opener = new Fabric8ForwardOpener(client, ForwardTarget.PROMETHEUS_UI);
    try (var forward = opener.open(0, null)) {
      // On a loaded machine the mock's websocket may end a connection before its data reaches the
      // local socket; a client would connect again, and so does this check.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(read(forward.localPort())).isEqualTo("HTTP/1.1 200 OK from prometheus-k8s-1\n"));
      assertThat(forward.pod()).isEqualTo("prometheus-k8s-1");
      assertThat(forward.problem()).isNull();
    }
  }

  private static String read(int port) throws java.io.IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64];
      int n = in.read(buffer);
      return new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
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
    client.pods().inNamespace("monitoring").resource(new PodBuilder().withNewMetadata().withNamespace("monitoring")
        .withName(name).withLabels(Map.of("app", "prometheus")).endMetadata()
        .withNewSpec().addNewContainer().withName("prometheus").withImage("img").addNewPort().withName("web")
        .withContainerPort(9090).endPort().endContainer().endSpec()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
        .endCondition().endStatus().build()).create();
  }
}
