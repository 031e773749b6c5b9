package io.github.milvusmonitored.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PortForwardsTest {

  private static final ForwardTarget TARGET = ForwardTarget.of("fake", "fake", 80);

  KubernetesMockServer server;
  KubernetesClient client;
  final FakeForwardOpener opener = new FakeForwardOpener();

  private PortForwards forwards() {
    return PortForwards.of(client)
        .withCheckInterval(Duration.ofMillis(100))
        .withOpenTimeout(Duration.ofSeconds(2));
  }

  @Test
  void reopens_on_the_same_local_port_when_the_listener_dies() throws IOException {
    try (ForwardedPort port = forwards().open(TARGET, 0, opener)) {
      int local = port.localPort();
      assertThat(greeting(local)).isEqualTo("pod-1");

      opener.dropListener();

      await().atMost(Duration.ofSeconds(5)).until(() -> port.reconnects() == 1);
      assertThat(port.localPort()).isEqualTo(local);
      assertThat(greeting(local)).isEqualTo("pod-2");
      assertThat(port.pod()).isEqualTo("pod-2");
      assertThat(port.uri()).hasToString("http://127.0.0.1:" + local);
    }
  }

  @Test
  void reopens_when_the_forward_reports_an_error_while_still_listening() throws IOException {
    try (ForwardedPort port = forwards().open(TARGET, 0, opener)) {
      opener.reportError();

      await().atMost(Duration.ofSeconds(5)).until(() -> port.reconnects() == 1);
      assertThat(greeting(port.localPort())).isEqualTo("pod-2");
      // A re-open asks for the pod used so far (the real opener keeps it while it is still Ready).
      assertThat(opener.preferredPods.get(0)).isEqualTo("null");
      assertThat(opener.preferredPods.subList(1, opener.preferredPods.size()))
          .isNotEmpty()
          .containsOnly("pod-1");
    }
  }

  @Test
  void keeps_retrying_while_no_pod_is_ready_then_reconnects() throws IOException {
    try (ForwardedPort port = forwards().open(TARGET, 0, opener)) {
      opener.failNext(3);
      opener.dropListener();

      await().atMost(Duration.ofSeconds(10)).until(() -> port.reconnects() == 1);
      assertThat(opener.preferredPods).hasSize(5);
      assertThat(greeting(port.localPort())).isEqualTo("pod-2");
    }
  }

  @Test
  void fails_with_the_cause_when_the_first_open_never_succeeds() {
    opener.failNext(Integer.MAX_VALUE);

    assertThatThrownBy(
            () ->
                PortForwards.of(client)
                    .withOpenTimeout(Duration.ofMillis(500))
                    .open(TARGET, 0, opener))
        .isInstanceOf(PortForwardException.class)
        .hasMessageStartingWith(
            "Could not open a port-forward to fake/svc/fake:80 on local port (any) within ")
        .hasMessageEndingWith(" s: no Ready pod matches the Service's selector app=fake");
  }

  @Test
  void close_frees_the_port_and_stops_reconnecting() throws Exception {
    ForwardedPort port = forwards().open(TARGET, 0, opener);
    int local = port.localPort();

    port.close();
    Thread.sleep(400);

    assertThat(opener.opens()).isEqualTo(1);
    assertThatThrownBy(() -> greeting(local)).isInstanceOf(ConnectException.class);
  }

  @Test
  void refuses_a_local_port_outside_the_tcp_range() {
    assertThatThrownBy(() -> forwards().open(TARGET, 70000, opener))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Local port must be 0 (any free port) or 1..65535, got 70000.");
  }

  @Test
  void moves_to_another_ready_milvus_pod_on_the_same_local_port_when_its_pod_goes_away()
      throws IOException {
    client
        .services()
        .inNamespace("milvus")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("milvus")
                .withName("my-release-milvus")
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app.kubernetes.io/instance", "my-release"))
                .addNewPort()
                .withName("milvus")
                .withPort(19530)
                .withTargetPort(new IntOrString("milvus"))
                .endPort()
                .endSpec()
                .build())
        .create();
    milvusPod("my-release-milvus-standalone-a", true);
    milvusPod("my-release-milvus-standalone-b", false);
    expectForward("my-release-milvus-standalone-a");
    expectForward("my-release-milvus-standalone-b");

    try (ForwardedPort grpc = forwards().milvus("milvus", "my-release-milvus")) {
      int local = grpc.localPort();
      assertGreetingEventually(local, "my-release-milvus-standalone-a");

      client.pods().inNamespace("milvus").withName("my-release-milvus-standalone-a").delete();
      client.pods().inNamespace("milvus").withName("my-release-milvus-standalone-b").delete();
      milvusPod("my-release-milvus-standalone-b", true);

      await().atMost(Duration.ofSeconds(10)).until(() -> grpc.reconnects() == 1);
      assertThat(grpc.localPort()).isEqualTo(local);
      assertThat(grpc.pod()).isEqualTo("my-release-milvus-standalone-b");
      assertGreetingEventually(local, "my-release-milvus-standalone-b");
    }
  }

  private void milvusPod(String name, boolean ready) {
    client
        .pods()
        .inNamespace("milvus")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("milvus")
                .withName(name)
                .withLabels(Map.of("app.kubernetes.io/instance", "my-release"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("standalone")
                .withImage("milvusdb/milvus:v2.6.15")
                .addNewPort()
                .withName("milvus")
                .withContainerPort(19530)
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

  // A pod answering through the API server's port-forward websocket: port preface per channel, then
  // data.
  private void expectForward(String pod) {
    byte[] body = (pod + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[body.length + 1];
    System.arraycopy(body, 0, data, 1, body.length);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/milvus/pods/" + pod + "/portforward?ports=19530")
        .andUpgradeToWebSocket()
        .open(
            new WebSocketMessage(new byte[] {0, (byte) (19530 & 0xff), (byte) (19530 >> 8)}),
            new WebSocketMessage(new byte[] {1, (byte) (19530 & 0xff), (byte) (19530 >> 8)}))
        .waitFor(20)
        .andEmit(new WebSocketMessage(data))
        // The mock closes a session right after its last message, which can overtake the data: keep
        // it open.
        .waitFor(60_000)
        .andEmit(new WebSocketMessage(new byte[] {0}))
        .done()
        .always();
  }

  // On a loaded machine the mock's websocket may end a connection before its data reaches the local
  // socket; a client would connect again, and so does this check.
  private static void assertGreetingEventually(int port, String expected) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(greeting(port)).isEqualTo(expected));
  }

  private static String greeting(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        var in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      return in.readLine();
    }
  }
}
