package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The texts diagnostics write in place of what they could not collect, in one place. */
public final class DiagnosticsErrors {

  private DiagnosticsErrors() {}

  /** One line for a failed collection: what, why, and a hint. */
  public static String couldNotCollect(String what, Throwable cause) {
    return "COULD NOT COLLECT " + what + ": " + describe(cause) + hint(cause);
  }

  /** The step ran out of its share of the time budget. */
  public static String timedOut(String what, Duration limit) {
    return "COULD NOT COLLECT "
        + what
        + ": no answer within "
        + MonitoredDuration.humanText(limit)
        + " (per-step limit or"
        + " the remaining total budget); the API server or Prometheus may be overloaded or unreachable.";
  }

  /** The total budget was spent before the step started. */
  public static String skippedNoTime(String what, Duration total) {
    return "SKIPPED "
        + what
        + ": the total diagnostics budget of "
        + MonitoredDuration.humanText(total)
        + " was spent by"
        + " earlier steps.";
  }

  /** No Prometheus client, release status or selector was configured. */
  public static String notConfigured(String what, String builderMethod) {
    return "NOT COLLECTED "
        + what
        + ": not configured (EnvironmentDiagnostics.Builder."
        + builderMethod
        + ").";
  }

  static String describe(Throwable t) {
    if (t instanceof TimeoutException) {
      return "timed out";
    }
    if (t instanceof KubernetesClientException k && k.getCode() > 0) {
      String status =
          k.getStatus() != null && k.getStatus().getMessage() != null
              ? k.getStatus().getMessage()
              : String.valueOf(k.getMessage());
      return "HTTP " + k.getCode() + " " + status.strip();
    }
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
  }

  private static String hint(Throwable t) {
    if (t instanceof KubernetesClientException k) {
      if (k.getCode() == 403) {
        return " (the kubeconfig's user may not read this; check its RBAC with kubectl auth can-i)";
      }
      if (k.getCode() == 404) {
        return " (not found: the namespace or the resource's CRD may not exist)";
      }
      if (k.getCode() >= 500) {
        return " (the API server failed; retry, or look at the API server's log)";
      }
    }
    return "";
  }
}
