package io.github.milvusmonitored.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries one Kubernetes API call on transient failures (HTTP 429, 5xx, a connection reset, refused
 * or closed) with exponential backoff until a deadline; every other failure, a 403 in particular,
 * is thrown at once. The client's own retries are off, so this deadline is the only one.
 */
public final class KubeRetry {

  private static final Logger LOG = LoggerFactory.getLogger(KubeRetry.class);
  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  /**
   * What fabric8's default HTTP client (Vert.x) throws for a connection the server closed
   * mid-request, as a restarting API server does: a RuntimeException, not an IOException
   * ("Connection was closed").
   */
  private static final String CLOSED_CONNECTION = "io.vertx.core.http.HttpClosedException";

  private KubeRetry() {}

  /** A point in time by which a phase must be done. */
  public record Deadline(long nanos) {
    public static Deadline in(Duration budget) {
      return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public long remainingMillis() {
      return Math.max(0, (nanos - System.nanoTime()) / 1_000_000);
    }
  }

  /**
   * Runs {@code call}, retrying transient failures until {@code deadline}; the last failure is
   * thrown then.
   */
  public static <T> T call(String what, Deadline deadline, Supplier<T> call) {
    long backoff = FIRST_BACKOFF_MILLIS;
    int attempt = 1;
    while (true) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        long left = deadline.remainingMillis();
        if (!isTransient(e) || left <= 0) {
          throw e;
        }
        long wait = Math.min(backoff, left);
        LOG.warn(
            "[kube] {}: {} (attempt {}); retrying in {} ms, {} s left",
            what,
            describe(e),
            attempt,
            wait,
            left / 1000);
        sleep(wait);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        attempt++;
      }
    }
  }

  /** Runs {@code call} for its effect, retrying like {@link #call}. */
  public static void run(String what, Deadline deadline, Runnable call) {
    call(
        what,
        deadline,
        () -> {
          call.run();
          return null;
        });
  }

  /** HTTP 429, 5xx, or no HTTP answer because the connection failed. */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 429 || code >= 500) {
      return true;
    }
    if (code > 0) {
      return false;
    }
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof IOException || CLOSED_CONNECTION.equals(t.getClass().getName())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(KubernetesClientException e) {
    if (e.getCode() > 0) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return "HTTP " + e.getCode() + " (" + message + ")";
    }
    Throwable root = Causes.root(e);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to retry a Kubernetes API call", e);
    }
  }
}
