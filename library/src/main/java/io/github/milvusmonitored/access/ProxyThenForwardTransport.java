package io.github.milvusmonitored.access;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches Prometheus through the API server's service proxy, and through a port-forward from the
 * moment the proxy cannot reach the pods (a NetworkPolicy that admits only in-cluster pods, as
 * kube-prometheus's does on multi-node or managed clusters with an enforcing network plugin).
 *
 * <pre>{@code
 * try (ProxyThenForwardTransport transport = ProxyThenForwardTransport.prometheus(kubernetesClient)) {
 *   PrometheusClient prometheus = PrometheusClient.builder(transport).build();
 * }
 * }</pre>
 *
 * <p>The switch happens once, with a warning that names the policy and the ways out; every later
 * call uses the forward. Closing closes the forward.
 */
public final class ProxyThenForwardTransport implements PrometheusTransport, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyThenForwardTransport.class);

  /** What replaces the proxy: a transport and what to close with it. */
  record Fallback(PrometheusTransport transport, AutoCloseable resource) {}

  private final PrometheusTransport proxy;
  private final ForwardTarget target;
  private final Supplier<Fallback> opener;
  private volatile Fallback fallback;
  private volatile String reason;

  ProxyThenForwardTransport(
      PrometheusTransport proxy, ForwardTarget target, Supplier<Fallback> opener) {
    this.proxy = proxy;
    this.target = target;
    this.opener = opener;
  }

  /**
   * Service {@code service}'s port named {@code portName} through the proxy, else {@code target}
   * forwarded.
   */
  public static ProxyThenForwardTransport of(
      KubernetesClient client,
      String namespace,
      String service,
      String portName,
      ForwardTarget target) {
    return new ProxyThenForwardTransport(
        ServiceProxyTransport.of(client, namespace, service, portName),
        target,
        () -> {
          ForwardedPort port = PortForwards.of(client).open(target);
          return new Fallback(PrometheusTransport.http(port.uri(), Duration.ofSeconds(10)), port);
        });
  }

  /**
   * kube-prometheus's Prometheus: {@code monitoring/prometheus-k8s} port {@code web}, else a
   * forward to 9090.
   */
  public static ProxyThenForwardTransport prometheus(KubernetesClient client) {
    return of(client, "monitoring", "prometheus-k8s", "web", ForwardTarget.PROMETHEUS_UI);
  }

  @Override
  public PrometheusResponse get(String path, QueryParameters query, Duration timeout)
      throws IOException, InterruptedException {
    Fallback current = fallback;
    if (current != null) {
      return current.transport().get(path, query, timeout);
    }
    try {
      return proxy.get(path, query, timeout);
    } catch (ServiceProxyUnreachableException e) {
      return switchToForward(e).transport().get(path, query, timeout);
    }
  }

  private synchronized Fallback switchToForward(ServiceProxyUnreachableException cause)
      throws IOException {
    if (fallback == null) {
      LOG.warn("[access] {} Falling back to a port-forward to {}.", cause.getMessage(), target);
      try {
        fallback = opener.get();
      } catch (RuntimeException e) {
        throw new IOException(
            cause.getMessage()
                + " The port-forward to "
                + target
                + " could not be opened"
                + " either: "
                + e.getMessage(),
            e);
      }
      reason = cause.getMessage();
      LOG.info("[access] Prometheus is now reached through {}", fallback.transport().baseUri());
    }
    return fallback;
  }

  /** Why the transport switched to the port-forward; empty while it uses the service proxy. */
  public Optional<String> fallbackReason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public URI baseUri() {
    Fallback current = fallback;
    return current == null ? proxy.baseUri() : current.transport().baseUri();
  }

  /** Closes the port-forward, if one was opened. */
  @Override
  public synchronized void close() {
    if (fallback != null) {
      try {
        fallback.resource().close();
      } catch (Exception e) {
        LOG.debug("closing the port-forward to {} failed", target, e);
      }
    }
  }
}
