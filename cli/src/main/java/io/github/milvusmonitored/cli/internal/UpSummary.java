package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.PhaseTiming;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code up} prints once the environment is ready: where everything is and how to use it.
 *
 * @param kubeconfig the stable copy of the kubeconfig
 * @param prometheusUi the local URL of the Prometheus UI
 * @param grafana the local URL of Grafana, when the stack has it
 * @param milvus the local endpoint of Milvus's gRPC port
 * @param milvusImageTag the Milvus version, to point at its dashboard
 * @param ready how long bringing it up took
 * @param skippedPhases how many phases were already done (a reused environment)
 * @param existingCluster whether it runs on an existing cluster ({@code --kubeconfig} / {@code
 *     --context})
 * @param keep whether, on an existing cluster, stopping leaves what was installed ({@code --keep})
 */
public record UpSummary(
    Path kubeconfig,
    URI prometheusUi,
    Optional<URI> grafana,
    URI milvus,
    String milvusImageTag,
    Duration ready,
    long skippedPhases,
    boolean existingCluster,
    boolean keep) {

  /** The line a started {@code up} prints last; it is up once this line is out. */
  public static final String PORT_FORWARDS_OPEN = "The port-forwards stay open until Ctrl-C.";

  /** Where the Milvus repository keeps its Grafana dashboard. */
  public static final String DASHBOARD_PATH = "deployments/monitor/grafana/milvus-dashboard.json";

  /** Reads the URLs from a started environment; opens its port-forwards. */
  public static UpSummary of(
      MonitoredEnvironment env, Path kubeconfig, boolean existingCluster, boolean keep) {
    long skipped =
        env.timingReport().phases().stream()
            .filter(p -> p.outcome() == PhaseTiming.Outcome.SKIPPED)
            .count();
    return new UpSummary(
        kubeconfig,
        env.prometheusUiUrl(),
        env.grafanaUrl(),
        env.milvusEndpoint().uri(),
        env.config().milvus().imageTag(),
        env.timingReport().total(),
        skipped,
        existingCluster,
        keep);
  }

  /** The printed block. */
  public String format() {
    String n = System.lineSeparator();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Ready after %.1f s of phases (%d already done).%n%n",
            ready.toMillis() / 1000.0,
            skippedPhases));
    out.append("  kubeconfig  ").append(kubeconfig).append(n);
    out.append("              export KUBECONFIG=").append(kubeconfig).append(n);
    out.append("  Prometheus  ").append(prometheusUi).append(n);
    if (grafana.isPresent()) {
      out.append("  Grafana     ")
          .append(grafana.get())
          .append("   (login admin / admin)")
          .append(n);
      out.append(
              "              Milvus dashboard: imported and bound to the release (Dashboards > Default);")
          .append(n);
      out.append("              if it is missing (download failed, see the log), import ")
          .append(dashboardUrl())
          .append(n);
      out.append(
              "              by hand: Dashboards > New > Import, pick the 'prometheus' data source.")
          .append(n);
    } else {
      out.append(
              existingCluster
                  ? "  Grafana     not installed with --profile=minimal"
                  : "  Grafana     not installed with --profile=minimal; run 'down' then 'up --profile=full' to have it")
          .append(n);
    }
    out.append("  Milvus      ")
        .append(milvus)
        .append("   (gRPC; e.g. ConnectConfig.builder().uri(\"")
        .append(milvus)
        .append("\"))")
        .append(n);
    out.append(n);
    if (!existingCluster) {
      out.append(
              PORT_FORWARDS_OPEN
                  + " k3s, kube-prometheus and Milvus stay installed;"
                  + " 'up' again reuses them, 'down' removes them.")
          .append(n);
    } else if (keep) {
      out.append(PORT_FORWARDS_OPEN + " What this 'up' installed stays on the cluster (--keep).")
          .append(n);
    } else {
      out.append(
              PORT_FORWARDS_OPEN
                  + " Then what this 'up' installed is removed from the cluster; what was there"
                  + " before stays (--keep leaves everything).")
          .append(n);
    }
    return out.toString();
  }

  /** The dashboard of the Milvus version that runs. */
  public String dashboardUrl() {
    return "https://raw.githubusercontent.com/milvus-io/milvus/"
        + milvusImageTag
        + "/"
        + DASHBOARD_PATH;
  }
}
