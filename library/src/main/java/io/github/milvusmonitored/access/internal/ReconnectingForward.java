package io.github.milvusmonitored.access.internal;

import io.github.milvusmonitored.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a forward open on one local port: checks it every interval and, when it reports a problem,
 * re-opens it on the same port (to a possibly different pod), retrying until it works or is closed.
 */
public final class ReconnectingForward implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingForward.class);
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  private final ForwardOpener opener;
  private final Duration checkInterval;
  private final ScheduledExecutorService supervisor;
  private final AtomicInteger reconnects = new AtomicInteger();
  private final int localPort;
  private volatile ForwardOpener.OpenForward current;
  private volatile boolean closed;

  private ReconnectingForward(
      ForwardOpener opener, Duration checkInterval, ForwardOpener.OpenForward first) {
    this.opener = opener;
    this.checkInterval = checkInterval;
    this.current = first;
    this.localPort = first.localPort();
    this.supervisor = DaemonThreads.ticker("milvus-monitored-port-forward-" + localPort);
  }

  /**
   * Opens the first forward on {@code localPort} (0 for any free port), retrying for up to {@code
   * openTimeout}, then starts watching it.
   */
  public static ReconnectingForward open(
      ForwardOpener opener, int localPort, Duration checkInterval, Duration openTimeout) {
    long started = System.nanoTime();
    ForwardOpener.OpenForward first =
        openWithRetries(opener, localPort, null, started, openTimeout, () -> false);
    ReconnectingForward forward = new ReconnectingForward(opener, checkInterval, first);
    LOG.info(
        "Port-forward {} listening on 127.0.0.1:{} to pod {} ({} ms)",
        opener.describe(),
        first.localPort(),
        first.pod(),
        (System.nanoTime() - started) / 1_000_000);
    forward.supervisor.scheduleWithFixedDelay(
        forward::check, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    return forward;
  }

  public int localPort() {
    return localPort;
  }

  /** The pod forwarded to now. */
  public String pod() {
    return current.pod();
  }

  /** How often the forward was re-established. */
  public int reconnects() {
    return reconnects.get();
  }

  private void check() {
    if (closed) {
      return;
    }
    String problem;
    try {
      problem = current.problem();
    } catch (RuntimeException e) {
      problem = e.toString();
    }
    if (problem == null) {
      return;
    }
    long started = System.nanoTime();
    LOG.warn(
        "Port-forward {} on 127.0.0.1:{} to pod {} dropped: {}; reconnecting on the same port",
        opener.describe(),
        localPort,
        current.pod(),
        problem);
    String previousPod = current.pod();
    current.close();
    ForwardOpener.OpenForward next =
        openWithRetries(opener, localPort, previousPod, started, null, () -> closed);
    if (next == null) {
      return;
    }
    synchronized (this) {
      if (closed) {
        next.close();
        return;
      }
      current = next;
    }
    int n = reconnects.incrementAndGet();
    LOG.info(
        "Port-forward {} re-established on 127.0.0.1:{} to pod {} (reconnect #{}, {} ms)",
        opener.describe(),
        localPort,
        next.pod(),
        n,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Retries with growing pauses; without a timeout until {@code stop} says so (then returns null).
   */
  private static ForwardOpener.OpenForward openWithRetries(
      ForwardOpener opener,
      int port,
      String preferredPod,
      long started,
      Duration timeout,
      BooleanSupplier stop) {
    long backoff = 100;
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        return opener.open(port, preferredPod);
      } catch (Exception e) {
        long elapsed = System.nanoTime() - started;
        if (timeout != null && elapsed + backoff * 1_000_000 > timeout.toNanos()) {
          throw PortForwardErrors.couldNotOpen(
              opener.describe(), port, Duration.ofNanos(elapsed), e);
        }
        LOG.info(
            "Port-forward {} on 127.0.0.1:{}: attempt {} failed ({}); retrying in {} ms",
            opener.describe(),
            port == 0 ? "(any)" : port,
            attempt,
            e.getMessage(),
            backoff);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      if (stop.getAsBoolean()) {
        return null;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      current.close();
    }
    supervisor.shutdownNow();
    LOG.info(
        "Port-forward {} on 127.0.0.1:{} closed after {} reconnect(s)",
        opener.describe(),
        localPort,
        reconnects.get());
  }
}
