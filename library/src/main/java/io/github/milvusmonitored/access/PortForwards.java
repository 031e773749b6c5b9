package io.github.milvusmonitored.access;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.access.internal.Fabric8ForwardOpener;
import io.github.milvusmonitored.access.internal.ForwardOpener;
import io.github.milvusmonitored.access.internal.ReconnectingForward;
import io.github.milvusmonitored.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens local port-forwards to Services: the Prometheus UI, Grafana, Milvus's gRPC port.
 *
 * <pre>{@code
 * PortForwards forwards = PortForwards.of(kubernetesClient);
 * try (ForwardedPort grpc = forwards.open(ForwardTarget.milvus("milvus", "my-release-milvus"))) {
 *   MilvusClientV2 milvus = new MilvusClientV2(ConnectConfig.builder().uri(grpc.uri().toString()).build());
 * }
 * }</pre>
 *
 * <p>Unlike {@code kubectl port-forward svc/...} (and fabric8's Service port-forward), the pod is
 * chosen among the Service's Ready pods. Port-forwards drop (pod restarts, idle timeouts, API
 * server restarts): each forward is checked every few seconds and re-established on the same local
 * port, possibly to another Ready pod, with a log line per reconnect.
 */
public final class PortForwards {

  private final KubernetesClient client;
  private Duration checkInterval = Duration.ofSeconds(2);
  private Duration openTimeout = Duration.ofSeconds(30);

  private PortForwards(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Port-forwards through {@code client} (not closed by this class). */
  public static PortForwards of(KubernetesClient client) {
    return new PortForwards(client);
  }

  /** How often each forward is checked (default 2 s). */
  public PortForwards withCheckInterval(Duration interval) {
    this.checkInterval = Checks.positive("Check interval", interval);
    return this;
  }

  /** How long the first open may retry, e.g. while no pod is Ready yet (default 30 s). */
  public PortForwards withOpenTimeout(Duration timeout) {
    this.openTimeout = Checks.positive("Open timeout", timeout);
    return this;
  }

  /** Forwards a free local port to {@code target}. */
  public ForwardedPort open(ForwardTarget target) {
    return open(target, 0);
  }

  /**
   * Forwards {@code localPort} (0 for a free one) to {@code target}.
   *
   * @throws PortForwardException naming the Service, its pods and the likely cause when it cannot
   *     open
   */
  public ForwardedPort open(ForwardTarget target, int localPort) {
    return open(target, localPort, new Fabric8ForwardOpener(client, target));
  }

  ForwardedPort open(ForwardTarget target, int localPort, ForwardOpener opener) {
    if (localPort < 0 || localPort > 65535) {
      throw new IllegalArgumentException(
          "Local port must be 0 (any free port) or 1..65535, got " + localPort + ".");
    }
    return new ForwardedPort(
        target, ReconnectingForward.open(opener, localPort, checkInterval, openTimeout));
  }

  /** The Prometheus UI and API ({@code monitoring/prometheus-k8s:9090}). */
  public ForwardedPort prometheusUi() {
    return open(ForwardTarget.PROMETHEUS_UI);
  }

  /** Grafana ({@code monitoring/grafana:3000}); login admin/admin. */
  public ForwardedPort grafana() {
    return open(ForwardTarget.GRAFANA);
  }

  /**
   * Milvus's gRPC port 19530 of the release's Service, e.g. {@code milvus("milvus",
   * "my-release-milvus")}.
   */
  public ForwardedPort milvus(String namespace, String service) {
    return open(ForwardTarget.milvus(namespace, service));
  }
}
