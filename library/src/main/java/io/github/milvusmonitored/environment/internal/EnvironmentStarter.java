package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.access.ProxyThenForwardTransport;
import io.github.milvusmonitored.cluster.ExistingCluster;
import io.github.milvusmonitored.cluster.K3sCluster;
import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.diagnostics.DiagnosticsReport;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.environment.StackMode;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.KubePrometheusInstaller;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ResourceApplier;
import io.github.milvusmonitored.stack.RunOwnership;
import io.github.milvusmonitored.stack.StackProfile;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an environment up phase by phase: manifests verified → cluster up → CRDs Established →
 * (kube-prometheus and operator ready ∥ Milvus ready) → Prometheus ready → Milvus target up → first
 * milvus_ sample. On failure it writes diagnostics and removes what it installed.
 */
public final class EnvironmentStarter {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentStarter.class);

  private EnvironmentStarter() {}

  public static DefaultMonitoredEnvironment start(EnvironmentConfig config) {
    PhaseClock clock = new PhaseClock();
    // Everything that can be refused without a cluster is checked before one is started.
    KubePrometheusManifests manifests;
    try {
      if (config.cluster() instanceof ClusterChoice.Existing existing
          && existing.kubeconfig() != null) {
        ExistingCluster.checkKubeconfig(existing.kubeconfig(), existing.context());
      }
      // An existing stack is used as it is: no kube-prometheus manifest is needed.
      manifests =
          config.stack() == StackMode.EXISTING
              ? null
              : clock.run(
                  "manifests verified",
                  "kube-prometheus manifests against their checksums",
                  () -> KubePrometheusManifests.builder().withSource(config.manifests()).load());
    } catch (RuntimeException e) {
      // Nothing runs yet to diagnose; the timing report still says which phase failed, and when.
      writeTimingReport(config, clock, e);
      throw refused(config, clock, "configuration checked", e);
    }
    return start(config, manifests, ResourceApplier.SERVER_SIDE, clock);
  }

  /**
   * {@link #start(EnvironmentConfig)} with manifests already verified and a chosen applier. The
   * cleanup hook is in place before the first change: a JVM stopped during the start still removes
   * what the run installed so far.
   */
  static DefaultMonitoredEnvironment start(
      EnvironmentConfig config,
      KubePrometheusManifests manifests,
      ResourceApplier applier,
      PhaseClock clock) {
    StartGuard guard;
    try {
      guard = StartGuard.register(clock, undoBound(config));
    } catch (IllegalStateException shuttingDown) {
      throw refused(config, clock, "configuration checked", shuttingDown);
    }
    try (guard) {
      return startGuarded(config, manifests, applier, clock);
    }
  }

  /**
   * The longest phase that may be running when the JVM stops, and two minutes to remove what was
   * installed.
   */
  static Duration undoBound(EnvironmentConfig config) {
    Duration longest =
        Collections.max(
            List.of(
                config.stackReadyTimeout(),
                config.milvus().readyTimeout(),
                config.firstSampleTimeout()));
    return longest.plus(Duration.ofMinutes(2));
  }

  private static DefaultMonitoredEnvironment startGuarded(
      EnvironmentConfig config,
      KubePrometheusManifests manifests,
      ResourceApplier applier,
      PhaseClock clock) {
    MilvusHelmRelease release = null;
    KubernetesCluster cluster;
    try {
      release = MilvusHelmRelease.create(config.milvus());
      cluster =
          clock.run(
              "cluster up",
              describe(config.cluster()),
              () -> open(config.cluster(), config.stackProfile()));
    } catch (RuntimeException e) {
      writeTimingReport(config, clock, e);
      if (release != null) {
        release.close();
      }
      throw refused(config, clock, release == null ? "configuration checked" : "cluster up", e);
    }
    RunOwnership run = RunOwnership.newRun();
    LOG.info(
        "[environment] run {}: what it creates carries label {}={}",
        run.runId(),
        RunOwnership.RUN_ID_LABEL,
        run.runId());
    InstalledParts parts = new InstalledParts();
    DefaultMonitoredEnvironment env = null;
    ProxyThenForwardTransport transport = null;
    try {
      StackState before = StackState.detect(cluster.client());
      // A reused, healthy cluster has its images already; rendering the chart to list them costs
      // seconds.
      if (config.preloadImages() && cluster instanceof K3sCluster k3s && !before.isHealthy()) {
        ImagePhase.preload(config, k3s, manifests, clock);
      }
      ExistingStack existing = useExisting(config, cluster);
      ChosenPrometheus chosen = ChosenPrometheus.KUBE_PROMETHEUS;
      if (existing != null) {
        MilvusHelmRelease rendered = release;
        chosen =
            clock.run(
                "stack found",
                "the existing stack's Prometheus that selects the Milvus ServiceMonitor",
                () ->
                    new StartPreflight(config, cluster, rendered, run)
                        .chooseExistingPrometheus(existing));
        if (!chosen.monitorLabels().isEmpty()) {
          release =
              MilvusHelmRelease.create(
                  config.milvus().toBuilder()
                      .withValues(
                          Map.of(
                              "metrics",
                              Map.of(
                                  "serviceMonitor",
                                  Map.of("additionalLabels", chosen.monitorLabels()))))
                      .build());
          rendered.close();
        }
        new StackPhases(config, cluster, null, release, parts, clock, run)
            .runWithExistingStack(chosen);
      } else {
        KubePrometheusInstaller installer =
            KubePrometheusInstaller.create(cluster.client(), manifests)
                .withProfile(config.stackProfile())
                .withApplier(applier)
                .withRun(run)
                .withStepTimeout(config.stackReadyTimeout())
                // A cluster started for the run holds only what this library put there (a reused
                // k3s too).
                .withOtherStackCheck(!cluster.isDisposable());
        new StackPhases(config, cluster, installer, release, parts, clock, run).run(before);
      }
      // Through the API server; a port-forward instead where a NetworkPolicy keeps the API server
      // out.
      transport =
          ProxyThenForwardTransport.of(
              cluster.client(),
              chosen.namespace(),
              chosen.service(),
              chosen.portName(),
              chosen.forwardTarget());
      PrometheusClient prometheus = PrometheusClient.builder(transport).build();
      MilvusMetrics metrics =
          withReleaseOf(
                  MilvusMetrics.of(
                      prometheus,
                      MilvusSelector.of(
                          config.milvus().namespace(), config.milvus().releaseName())),
                  config.milvus().imageTag())
              .withServiceMonitorSelection(new ClusterServiceMonitorSelection(cluster.client()));
      env =
          new DefaultMonitoredEnvironment(
              config, cluster, release, prometheus, metrics, parts, clock, run, chosen);
      env.closeWith(transport);
      new ScrapePhases(config, cluster, prometheus, metrics, clock, chosen).run();
      clock.report().writeTo(config.reportDirectory().resolve("timing-report.json"));
      LOG.info(
          "[environment] ready in {} s: {}",
          clock.report().total().toSeconds(),
          cluster.description());
      return env;
    } catch (RuntimeException | Error e) {
      if (env == null && transport != null) {
        transport.close();
      }
      throw failed(config, cluster, release, parts, clock, env, e);
    }
  }

  /**
   * The view knowing the release installed, when the image tag names one (a nightly or latest tag
   * does not).
   */
  private static MilvusMetrics withReleaseOf(MilvusMetrics metrics, String imageTag) {
    try {
      return metrics.withImageTag(imageTag);
    } catch (IllegalArgumentException e) {
      LOG.info(
          "[environment] image tag {} names no Milvus release: the release is read from its metrics",
          imageTag);
      return metrics;
    }
  }

  /**
   * The existing stack to use, or null to install (or reuse) kube-prometheus, as {@code
   * config.stack()} says.
   */
  private static ExistingStack useExisting(EnvironmentConfig config, KubernetesCluster cluster) {
    return switch (config.stack()) {
      case INSTALL -> null;
      case EXISTING -> {
        ExistingStack stack = ExistingStack.find(cluster.client());
        if (!stack.isPresent()) {
          throw new KubePrometheusException(ExistingStackTexts.noStack());
        }
        yield stack;
      }
      case AUTO -> {
        ExistingStack stack = cluster.isDisposable() ? null : ExistingStack.find(cluster.client());
        if (stack != null && stack.isPresentNotOurs()) {
          LOG.info(
              "[stack] stack=auto: the cluster runs an operator-based stack not installed by this library; using"
                  + " it");
          yield stack;
        }
        yield null;
      }
    };
  }

  private static EnvironmentStartException failed(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      MilvusHelmRelease release,
      InstalledParts parts,
      PhaseClock clock,
      DefaultMonitoredEnvironment env,
      Throwable e) {
    String phase =
        clock.report().phases().stream()
            .filter(p -> p.outcome() == PhaseTiming.Outcome.FAILED)
            .map(PhaseTiming::name)
            .findFirst()
            .orElse("startup");
    DiagnosticsReport diagnostics = null;
    try {
      clock.report().writeTo(config.reportDirectory().resolve("timing-report.json"));
      diagnostics =
          DefaultMonitoredEnvironment.diagnose(
              config, cluster, release, null, config.reportDirectory().resolve("startup-failure"));
    } catch (RuntimeException writeFailure) {
      e.addSuppressed(writeFailure);
    }
    boolean keep = config.keepOnFailure();
    try {
      if (!keep) {
        if (env != null) {
          env.close();
        } else {
          try {
            if (!cluster.isDisposable()) {
              parts.removeAll();
            }
          } finally {
            cluster.close();
          }
        }
      }
    } catch (RuntimeException cleanupFailure) {
      e.addSuppressed(cleanupFailure);
    } finally {
      // Only the chart and values on local disk: never kept, whatever stays in the cluster.
      release.close();
    }
    return new EnvironmentStartException(
        EnvironmentErrors.startFailed(phase, e, diagnostics, config, cluster, keep),
        phase,
        diagnostics == null ? null : diagnostics.folder(),
        e);
  }

  /**
   * A failure before the run changed anything: the phase, the cause, and that nothing was
   * installed.
   */
  private static EnvironmentStartException refused(
      EnvironmentConfig config, PhaseClock clock, String orPhase, RuntimeException e) {
    if (e instanceof EnvironmentStartException already) {
      return already;
    }
    String phase =
        clock.report().phases().stream()
            .filter(p -> p.outcome() == PhaseTiming.Outcome.FAILED)
            .map(PhaseTiming::name)
            .findFirst()
            .orElse(orPhase);
    return new EnvironmentStartException(
        EnvironmentErrors.refusedBeforeInstalling(phase, e, config), phase, null, e);
  }

  private static void writeTimingReport(
      EnvironmentConfig config, PhaseClock clock, Throwable failure) {
    try {
      clock.report().writeTo(config.reportDirectory().resolve("timing-report.json"));
    } catch (RuntimeException writeFailure) {
      failure.addSuppressed(writeFailure);
    }
  }

  private static KubernetesCluster open(ClusterChoice choice, StackProfile profile) {
    if (choice instanceof ClusterChoice.K3s k3s) {
      // node-exporter (full profile) mounts / with HostToContainer propagation: k3s's / must be
      // shared.
      return K3sCluster.start(
          profile == StackProfile.FULL ? k3s.config().withSharedRootMount(true) : k3s.config());
    }
    ClusterChoice.Existing existing = (ClusterChoice.Existing) choice;
    return existing.kubeconfig() == null
        ? ExistingCluster.connectDefault(existing.context())
        : ExistingCluster.connect(existing.kubeconfig(), existing.context());
  }

  private static String describe(ClusterChoice choice) {
    return choice instanceof ClusterChoice.K3s k3s
        ? "k3s " + k3s.config().image()
        : "existing cluster from "
            + (((ClusterChoice.Existing) choice).kubeconfig() == null
                ? "KUBECONFIG"
                : ((ClusterChoice.Existing) choice).kubeconfig());
  }
}
