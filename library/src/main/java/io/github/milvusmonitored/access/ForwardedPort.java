package io.github.milvusmonitored.access;

import io.github.milvusmonitored.access.internal.ReconnectingForward;
import java.net.URI;

/**
 * A local port forwarded to a Ready pod of a Service, re-established on the same port when it
 * drops.
 *
 * <pre>{@code
 * try (ForwardedPort ui = PortForwards.of(client).open(ForwardTarget.PROMETHEUS_UI)) {
 *   PrometheusClient prometheus = PrometheusClient.create(ui.uri());
 * }
 * }</pre>
 */
public final class ForwardedPort implements AutoCloseable {

  private final ForwardTarget target;
  private final ReconnectingForward forward;

  ForwardedPort(ForwardTarget target, ReconnectingForward forward) {
    this.target = target;
    this.forward = forward;
  }

  /** What is forwarded. */
  public ForwardTarget target() {
    return target;
  }

  /** The local port; it stays the same across reconnects. */
  public int localPort() {
    return forward.localPort();
  }

  /** {@code http://127.0.0.1:<localPort>} (the forward listens on the loopback address only). */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + localPort());
  }

  /** The pod forwarded to now (it may change when the forward is re-established). */
  public String pod() {
    return forward.pod();
  }

  /** How often the forward dropped and was re-established. */
  public int reconnects() {
    return forward.reconnects();
  }

  /** Stops forwarding and frees the local port. */
  @Override
  public void close() {
    forward.close();
  }

  @Override
  public String toString() {
    return "127.0.0.1:" + localPort() + " -> " + target + " (pod " + pod() + ")";
  }
}
