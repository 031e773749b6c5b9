package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.diagnostics.DiagnosticsReport;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.List;

/** The messages of the environment layer. */
final class EnvironmentErrors {

  private EnvironmentErrors() {}

  static String releaseNotOurs(HelmReleaseRecords.Revision revision) {
    return "Helm release '"
        + revision.name()
        + "' already exists in namespace '"
        + revision.namespace()
        + "' (revision "
        + revision.version()
        + ", "
        + revision.status()
        + ") and that namespace was not created by milvus-monitored."
        + " Nothing was changed: installing would upgrade that release with test values, and closing would uninstall"
        + " it. Choose another namespace or release name (MilvusReleaseConfig.builder().withNamespace(..) or"
        + " .withReleaseName(..)), or run on a dedicated cluster (the default k3s).";
  }

  static String existingPrometheusMissesMilvus(String serviceMonitor, List<String> problems) {
    return "The kube-prometheus already in this cluster is used as it is, but its Prometheus monitoring/k8s would not"
        + " scrape Milvus: "
        + String.join("; ", problems)
        + " (ServiceMonitor "
        + serviceMonitor
        + "). Nothing was"
        + " changed. Ways forward: give the ServiceMonitor the labels it selects (Helm value"
        + " metrics.serviceMonitor.additionalLabels in a values file of the Milvus release), widen the selectors"
        + " ('kubectl -n monitoring edit prometheus k8s'), or run on a dedicated cluster (the default k3s).";
  }

  static String forbidden(String verb, String resource, String namespace, String serverMessage) {
    String scope = "namespaces".equals(resource) ? "" : " -n " + namespace;
    return "The cluster forbade '"
        + verb
        + "' on "
        + resource
        + ("namespaces".equals(resource)
            ? " '" + namespace + "'"
            : " in namespace '" + namespace + "'")
        + " (HTTP 403: "
        + serverMessage
        + "). Starting the environment"
        + " needs that right (Helm keeps its release records in Secrets of the release's namespace). What to do: use a"
        + " kubeconfig with cluster-admin, or ask an administrator to check and grant it:\n  kubectl auth can-i "
        + verb
        + " "
        + resource
        + scope;
  }

  static String namespaceStillTerminating(String namespace, Duration timeout) {
    return "Namespace '"
        + namespace
        + "' was still Terminating after "
        + MonitoredDuration.humanText(timeout)
        + " (an earlier run's"
        + " removal, or a user's), so the Milvus release cannot be installed into it. 'kubectl get namespace "
        + namespace
        + " -o yaml' shows what its finalizers wait for (status.conditions). Retry when it is gone.";
  }

  static String refusedBeforeInstalling(String phase, Throwable cause, EnvironmentConfig config) {
    return "The monitored environment did not come up: phase '"
        + phase
        + "' failed: "
        + cause.getMessage()
        + "\n  Nothing was installed: the run stopped before it changed any cluster."
        + "\n  Timing report: "
        + config.reportDirectory().resolve("timing-report.json").toAbsolutePath();
  }

  static String startFailed(
      String phase,
      Throwable cause,
      DiagnosticsReport diagnostics,
      EnvironmentConfig config,
      KubernetesCluster cluster,
      boolean kept) {
    StringBuilder out =
        new StringBuilder("The monitored environment did not come up: phase '")
            .append(phase)
            .append("' failed: ")
            .append(cause.getMessage());
    if (diagnostics != null && diagnostics.foundProblem()) {
      out.append("\n  Most likely problem, from the diagnostics: ")
          .append(diagnostics.mostLikelyProblem());
    }
    if (diagnostics != null) {
      out.append("\n  Diagnostics (pods, events, targets, logs of unready pods): ")
          .append(diagnostics.folder().toAbsolutePath());
    }
    out.append("\n  Timing report: ")
        .append(config.reportDirectory().resolve("timing-report.json").toAbsolutePath());
    if (cluster != null && kept) {
      out.append("\n  Everything was kept for inspection (keepOnFailure): kubectl --kubeconfig ")
          .append(cluster.kubeconfigFile())
          .append(" get pods -A");
    } else if (cluster != null) {
      out.append(
          "\n  What this run installed was removed; set keepOnFailure to keep it for inspection.");
    }
    return out.toString();
  }
}
