package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.access.ForwardTarget;
import io.github.milvusmonitored.access.ForwardedPort;
import io.github.milvusmonitored.access.PortForwards;
import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.diagnostics.DiagnosticsReport;
import io.github.milvusmonitored.diagnostics.EnvironmentDiagnostics;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MilvusEndpoint;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.environment.TimingReport;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.stack.AppliedRules;
import io.github.milvusmonitored.stack.PrometheusRuleFile;
import io.github.milvusmonitored.stack.RunOwnership;
import io.github.milvusmonitored.stack.StackProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running environment; port-forwards open on first use and close with it. */
public final class DefaultMonitoredEnvironment implements MonitoredEnvironment {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMonitoredEnvironment.class);

  private final EnvironmentConfig config;
  private final KubernetesCluster cluster;
  private final MilvusHelmRelease release;
  private final PrometheusClient prometheus;
  private final MilvusMetrics metrics;
  private final InstalledParts parts;
  private final PhaseClock clock;
  private final RunOwnership run;
  private final ChosenPrometheus chosen;
  private final PortForwards forwards;
  private final Map<ForwardTarget, ForwardedPort> open = new ConcurrentHashMap<>();
  private final List<AutoCloseable> closeWith = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  DefaultMonitoredEnvironment(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      MilvusHelmRelease release,
      PrometheusClient prometheus,
      MilvusMetrics metrics,
      InstalledParts parts,
      PhaseClock clock,
      RunOwnership run) {
    this(
        config,
        cluster,
        release,
        prometheus,
        metrics,
        parts,
        clock,
        run,
        ChosenPrometheus.KUBE_PROMETHEUS);
  }

  DefaultMonitoredEnvironment(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      MilvusHelmRelease release,
      PrometheusClient prometheus,
      MilvusMetrics metrics,
      InstalledParts parts,
      PhaseClock clock,
      RunOwnership run,
      ChosenPrometheus chosen) {
    this.chosen = chosen;
    this.config = config;
    this.cluster = cluster;
    this.release = release;
    this.prometheus = prometheus;
    this.metrics = metrics;
    this.parts = parts;
    this.clock = clock;
    this.run = run;
    this.forwards = PortForwards.of(cluster.client());
  }

  @Override
  public EnvironmentConfig config() {
    return config;
  }

  @Override
  public KubernetesClient kubernetesClient() {
    return cluster.client();
  }

  @Override
  public Path kubeconfigFile() {
    return cluster.kubeconfigFile();
  }

  @Override
  public PrometheusClient prometheus() {
    return prometheus;
  }

  @Override
  public MilvusMetrics milvusMetrics() {
    return metrics;
  }

  @Override
  public MilvusEndpoint milvusEndpoint() {
    ForwardedPort port =
        forward(
            ForwardTarget.milvus(
                config.milvus().namespace(), release.values().names().serviceName()));
    return new MilvusEndpoint("127.0.0.1", port.localPort());
  }

  @Override
  public URI prometheusUiUrl() {
    return forward(chosen.forwardTarget()).uri();
  }

  @Override
  public Optional<URI> grafanaUrl() {
    return config.stackProfile() == StackProfile.FULL && chosen.installed()
        ? Optional.of(forward(ForwardTarget.GRAFANA).uri())
        : Optional.empty();
  }

  @Override
  public AppliedRules applyRules(Path ruleFile) {
    if (closed) {
      throw new IllegalStateException(
          "The monitored environment is closed; the rules of " + ruleFile + " cannot be applied.");
    }
    PrometheusRuleFile file = PrometheusRuleFile.read(ruleFile);
    AppliedRules applied =
        AppliedRules.apply(
            cluster.client(),
            file,
            config.milvus().namespace(),
            run,
            RuleSelectorLabels.required(
                cluster.client(), chosen.namespace(), chosen.name(), config.milvus().namespace()));
    closeWith(applied);
    return applied;
  }

  @Override
  public TimingReport timingReport() {
    return clock.report();
  }

  @Override
  public Path writeDiagnostics(Path folder) {
    return diagnose(config, cluster, release, prometheus, folder).folder();
  }

  /** Writes diagnostics; usable before the environment object exists (a failed start). */
  static DiagnosticsReport diagnose(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      MilvusHelmRelease release,
      PrometheusClient prometheus,
      Path folder) {
    Path kubeconfig = cluster.kubeconfigFile();
    EnvironmentDiagnostics.Builder builder =
        EnvironmentDiagnostics.builder(cluster.client())
            .withNamespaces("monitoring", config.milvus().namespace())
            .withReleaseStatus(() -> release.status(kubeconfig))
            .withValuesYaml(() -> release.values().toYaml())
            .withMilvusSelector(
                MilvusSelector.of(config.milvus().namespace(), config.milvus().releaseName()))
            .withMilvusComponents(config.milvus().profile().components())
            .withServiceMonitorSelection(new ClusterServiceMonitorSelection(cluster.client()));
    if (prometheus != null) {
      builder.withPrometheus(prometheus);
    }
    DiagnosticsReport report = builder.build().write(folder);
    LOG.info("[diagnostics] written to {}", folder.toAbsolutePath());
    return report;
  }

  /**
   * Closes {@code resource} with the environment, before the cluster (e.g. the Prometheus
   * transport's forward).
   */
  void closeWith(AutoCloseable resource) {
    closeWith.add(resource);
  }

  private ForwardedPort forward(ForwardTarget target) {
    if (closed) {
      throw new IllegalStateException(
          "The monitored environment is closed; " + target + " cannot be forwarded.");
    }
    return open.computeIfAbsent(target, forwards::open);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    open.values().forEach(ForwardedPort::close);
    for (AutoCloseable resource : closeWith) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debug("closing {} failed", resource, e);
      }
    }
    boolean reuse = config.cluster() instanceof ClusterChoice.K3s k3s && k3s.config().reuse();
    if (config.keepInstalled() || reuse) {
      parts.keepAll();
    } else if (!cluster.isDisposable()) {
      // A throwaway k3s is discarded whole; an existing cluster gets back what it had.
      parts.removeAll();
    }
    try {
      cluster.close();
    } finally {
      release.close();
    }
  }
}
