package io.github.milvusmonitored.diagnostics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.diagnostics.internal.DiagnosticsContext;
import io.github.milvusmonitored.diagnostics.internal.EventsCollector;
import io.github.milvusmonitored.diagnostics.internal.HelmReleaseCollector;
import io.github.milvusmonitored.diagnostics.internal.MonitoringResourcesCollector;
import io.github.milvusmonitored.diagnostics.internal.PodLogsCollector;
import io.github.milvusmonitored.diagnostics.internal.PodsCollector;
import io.github.milvusmonitored.diagnostics.internal.ProblemFinder;
import io.github.milvusmonitored.diagnostics.internal.PrometheusTargetsCollector;
import io.github.milvusmonitored.diagnostics.internal.StepRunner;
import io.github.milvusmonitored.diagnostics.internal.SummaryWriter;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.ServiceMonitorSelection;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes what is needed to understand a failed run into a folder: pods, events, the Helm release,
 * ServiceMonitors and PrometheusRules, Prometheus targets and scrape pools, logs of unready pods,
 * and a {@code summary.md} naming the most likely problem.
 *
 * <pre>{@code
 * DiagnosticsReport report = EnvironmentDiagnostics.builder(kubernetesClient)
 *     .withNamespaces("monitoring", "milvus")
 *     .withPrometheus(prometheus)
 *     .withMilvusSelector(MilvusSelector.of("milvus", "my-release"))
 *     .build()
 *     .write(Path.of("target/milvus-diagnostics"));
 * }</pre>
 *
 * <p>Each step is independent: what cannot be collected is written into its file and the others
 * still run. Every API call has a deadline and the whole run a total budget; {@link #write} only
 * throws when the folder itself cannot be created.
 */
public final class EnvironmentDiagnostics {

  private final Builder config;

  private EnvironmentDiagnostics(Builder config) {
    this.config = config;
  }

  /** A builder reading the cluster through {@code client} (not closed by diagnostics). */
  public static Builder builder(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Collects everything into {@code folder} (created if missing; existing files are overwritten).
   */
  public DiagnosticsReport write(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create the diagnostics folder "
              + folder.toAbsolutePath()
              + ": "
              + e.getMessage()
              + ". Choose a writable folder.",
          e);
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    KubernetesClient k = boundedClient();
    DiagnosticsContext context = new DiagnosticsContext();
    try (StepRunner runner = new StepRunner(folder, config.stepTimeout, config.totalTimeout)) {
      runner.run(
          "pods.txt", "pods", out -> new PodsCollector(k, config.namespaces, context).collect(out));
      runner.run(
          "events.txt",
          "events",
          out -> new EventsCollector(k, config.namespaces, context).collect(out));
      runner.run(
          "helm-release.txt",
          "Helm release",
          out ->
              new HelmReleaseCollector(config.releaseStatus, config.valuesYaml, context)
                  .collect(out));
      runner.run(
          "servicemonitors.yaml",
          "ServiceMonitors",
          out -> new MonitoringResourcesCollector<>(k, ServiceMonitor.class).collect(out));
      runner.run(
          "prometheusrules.yaml",
          "PrometheusRules",
          out -> new MonitoringResourcesCollector<>(k, PrometheusRule.class).collect(out));
      runner.run(
          "prometheus-targets.txt",
          "Prometheus targets",
          out ->
              new PrometheusTargetsCollector(
                      config.prometheus, config.selector, config.components, context)
                  .withServiceMonitorSelection(config.selection)
                  .collect(out));
      PodLogsCollector logs = new PodLogsCollector(k, config.tailLines);
      for (PodLogsCollector.LogRequest request : PodLogsCollector.plan(context.allPods())) {
        runner.run(
            request.file(),
            "log of "
                + request.pod()
                + "/"
                + request.container()
                + (request.previous() ? " (previous)" : ""),
            out -> logs.fetch(request));
      }
      List<String> findings = ProblemFinder.findings(context);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      runner.write(
          "summary.md",
          SummaryWriter.render(
              config.namespaces, findings, runner.files(), runner.failures(), started, took));
      return new DiagnosticsReport(
          folder, runner.files(), runner.failures(), SummaryWriter.mostLikely(findings));
    }
  }

  // Without this, fabric8 retries a 5xx answer with backoff for many seconds, per call.
  private KubernetesClient boundedClient() {
    var requestConfig =
        new RequestConfigBuilder(config.client.getConfiguration().getRequestConfig())
            .withRequestRetryBackoffLimit(0)
            .withRequestTimeout((int) config.stepTimeout.toMillis())
            .build();
    return config.client.newClient(requestConfig).adapt(KubernetesClient.class);
  }

  /** Configures {@link EnvironmentDiagnostics}. */
  public static final class Builder {
    private final KubernetesClient client;
    private List<String> namespaces = List.of("monitoring", "milvus");
    private PrometheusClient prometheus;
    private Supplier<MilvusReleaseStatus> releaseStatus;
    private Supplier<String> valuesYaml;
    private MilvusSelector selector;
    private ServiceMonitorSelection selection;
    private List<String> components = List.of();
    private int tailLines = 200;
    private Duration stepTimeout = Duration.ofSeconds(15);
    private Duration totalTimeout = Duration.ofMinutes(2);

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    /**
     * The namespaces whose pods, events and logs to read (default {@code monitoring}, {@code
     * milvus}).
     */
    public Builder withNamespaces(String... namespaces) {
      if (namespaces.length == 0) {
        throw new IllegalArgumentException(
            "Give at least one namespace, e.g. withNamespaces(\"monitoring\", \"milvus\").");
      }
      this.namespaces = List.of(namespaces);
      return this;
    }

    /** The Prometheus whose targets and scrape pools to write; without it that file says so. */
    public Builder withPrometheus(PrometheusClient prometheus) {
      this.prometheus = prometheus;
      return this;
    }

    /** Where the Helm release status comes from, e.g. {@code () -> release.status(kubeconfig)}. */
    public Builder withReleaseStatus(Supplier<MilvusReleaseStatus> status) {
      this.releaseStatus = status;
      return this;
    }

    /** The final values YAML of the release, e.g. {@code () -> release.values().toYaml()}. */
    public Builder withValuesYaml(Supplier<String> valuesYaml) {
      this.valuesYaml = valuesYaml;
      return this;
    }

    /** The Milvus release whose target status to explain. */
    public Builder withMilvusSelector(MilvusSelector selector) {
      this.selector = selector;
      return this;
    }

    /**
     * How to tell whether a Prometheus resource selects the release's ServiceMonitor, so that a
     * missing scrape job is explained by the selector that excludes it ({@code
     * TargetStatus.State.NOT_SELECTED}).
     */
    public Builder withServiceMonitorSelection(ServiceMonitorSelection selection) {
      this.selection = selection;
      return this;
    }

    /**
     * The Milvus components whose targets to explain one by one, e.g. {@code
     * MilvusProfile.CLUSTER.components()}; by default only the release as a whole.
     */
    public Builder withMilvusComponents(Collection<String> components) {
      this.components = List.copyOf(components);
      return this;
    }

    /** How many last lines of each log to keep (default 200). */
    public Builder withLogTailLines(int lines) {
      if (lines < 1) {
        throw new IllegalArgumentException("Log tail lines must be at least 1, got " + lines + ".");
      }
      this.tailLines = lines;
      return this;
    }

    /** Deadline of each step and of each API call (default 15 s). */
    public Builder withStepTimeout(Duration timeout) {
      this.stepTimeout = Checks.positive("Step timeout", timeout);
      return this;
    }

    /**
     * Budget for the whole run (default 2 min); steps that find it spent are skipped and say so.
     */
    public Builder withTotalTimeout(Duration timeout) {
      this.totalTimeout = Checks.positive("Total timeout", timeout);
      return this;
    }

    public EnvironmentDiagnostics build() {
      return new EnvironmentDiagnostics(this);
    }
  }
}
