package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import java.nio.file.Path;

/** The messages of the environment layer. */
final class EnvironmentErrors {

  private EnvironmentErrors() {}

  static String startFailed(String phase, Throwable cause, Path diagnostics, EnvironmentConfig config,
      KubernetesCluster cluster, boolean kept) {
    StringBuilder out = new StringBuilder("The monitored environment did not come up: phase '").append(phase)
        .append("' failed: ").append(cause.getMessage());
    if (diagnostics != null) {
      out.append("\n  Diagnostics (pods, events, targets, logs of unready pods): ").append(diagnostics.toAbsolutePath());
    }
    out.append("\n  Timing report: ").append(config.reportDirectory().resolve("timing-report.json").toAbsolutePath());
    if (cluster != null && kept) {
      out.append("\n  Everything was kept for inspection (keepOnFailure): kubectl --kubeconfig ")
          .append(cluster.kubeconfigFile()).append(" get pods -A");
    } else if (cluster != null) {
      out.append("\n  What this run installed was removed; set keepOnFailure to keep it for inspection.");
    }
    return out.toString();
  }
}
