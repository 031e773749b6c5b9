package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.GrafanaProvisioning;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.internal.DaemonThreads;
import io.github.milvusmonitored.internal.KubeWaits;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import io.github.milvusmonitored.stack.KubePrometheusInstaller;
import io.github.milvusmonitored.stack.RunOwnership;
import io.github.milvusmonitored.stack.StackProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs kube-prometheus and Milvus: the CRDs first (a ServiceMonitor needs its CRD), then the
 * rest of the stack and the Milvus release at the same time. A healthy stack already in the cluster
 * is used as it is and never removed; only what this run creates is recorded for removal. A Milvus
 * release of the same name is upgraded only on a throwaway cluster or in a namespace this library
 * created; one left pending by an interrupted run is recovered first. With the FULL profile
 * Milvus's dashboard for the image tag is imported into the Grafana this run installed.
 */
final class StackPhases {

  private static final Logger LOG = LoggerFactory.getLogger(StackPhases.class);

  private final EnvironmentConfig config;
  private final KubernetesCluster cluster;
  private final KubePrometheusInstaller installer;
  private final MilvusHelmRelease release;
  private final InstalledParts parts;
  private final PhaseClock clock;
  private final RunOwnership run;

  StackPhases(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      KubePrometheusInstaller installer,
      MilvusHelmRelease release,
      InstalledParts parts,
      PhaseClock clock,
      RunOwnership run) {
    this.run = run;
    this.config = config;
    this.cluster = cluster;
    this.installer = installer;
    this.release = release;
    this.parts = parts;
    this.clock = clock;
  }

  /** Installs what {@code before}, the stack state found in the cluster, lacks. */
  void run(StackState before) {
    KubernetesClient client = cluster.client();
    boolean installStack = !before.isHealthy();
    // Before anything changes: a stack found here must scrape Milvus, a release found here must be
    // one
    // this library may upgrade.
    StartPreflight preflight = new StartPreflight(config, cluster, release, run);
    if (!installStack && !cluster.isDisposable()) {
      preflight.requireExistingPrometheusSelectsMilvus();
    }
    Optional<HelmReleaseRecords.Revision> priorRelease = preflight.priorRelease();
    // Teardown takes back only what the installer created or added; recorded whether or not it
    // installs.
    parts.stackInstalled(installer);
    if (installStack) {
      clock.run(
          "CRDs Established",
          "server-side apply of manifests/setup, then every CRD Established",
          () -> {
            installer.applySetup();
            installer.awaitCrdsEstablished(config.stackReadyTimeout());
          });
    } else {
      clock.skipped("CRDs Established", "kube-prometheus already installed and healthy");
    }
    ExecutorService pool = DaemonThreads.pool("milvus-monitored-install", 2);
    try {
      CompletableFuture<Void> stack =
          CompletableFuture.runAsync(
              () -> {
                if (installStack) {
                  clock.run(
                      "operator ready",
                      "apply manifests/ ("
                          + config.stackProfile().name().toLowerCase(Locale.ROOT)
                          + "), deployment monitoring/prometheus-operator available",
                      () -> {
                        installer.applyStack();
                        KubeWaits.deploymentReady(
                            client,
                            "monitoring",
                            "prometheus-operator",
                            config.stackReadyTimeout());
                      });
                  if (config.stackProfile() == StackProfile.FULL) {
                    provisionDashboard(client);
                  }
                } else {
                  clock.skipped("operator ready", "already available");
                }
                if (config.rbacPatch()) {
                  clock.run(
                      "RBAC patched",
                      "ClusterRole prometheus-k8s may discover in every namespace",
                      installer::patchRbac);
                } else {
                  clock.skipped(
                      "RBAC patched", "turned off: Prometheus cannot discover the Milvus target");
                }
              },
              pool);
      CompletableFuture<Void> milvus =
          CompletableFuture.runAsync(() -> installMilvus(priorRelease), pool);
      join(stack, milvus);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * With an existing stack: nothing of it is installed or changed; the Milvus release is installed,
   * then the Prometheus's discovery rights in the Milvus namespace are checked and granted by a
   * Role of the run's own when they lack.
   */
  void runWithExistingStack(ChosenPrometheus prometheus) {
    StartPreflight preflight = new StartPreflight(config, cluster, release, run);
    Optional<HelmReleaseRecords.Revision> priorRelease = preflight.priorRelease();
    clock.skipped("CRDs Established", "existing stack used as it is");
    clock.skipped("operator ready", "existing stack used as it is");
    installMilvus(priorRelease);
    clock.run(
        "RBAC patched",
        "discovery rights of "
            + prometheus.serviceAccount()
            + " in "
            + config.milvus().namespace()
            + ", granted by a Role of the run only if they lack",
        () ->
            DiscoveryRbac.ensure(
                cluster.client(), prometheus, config.milvus().namespace(), run, parts));
  }

  // A dashboard that cannot be had (offline) leaves Grafana without it; the environment is still
  // usable.
  private void provisionDashboard(KubernetesClient client) {
    if (!installer.created("Deployment", "monitoring", "grafana")) {
      // A Grafana that was there before the run is someone else's: its Deployment is not edited.
      LOG.info(
          "Grafana: Deployment monitoring/grafana was there before this run and is left as it is: Milvus's"
              + " dashboard is not imported into it (GrafanaProvisioning.provision(..) imports it on purpose)");
      return;
    }
    try {
      GrafanaProvisioning.provision(
          client,
          GrafanaDashboard.load(DashboardSource.officialMilvus(config.milvus().imageTag())),
          MilvusSelector.of(config.milvus().namespace(), config.milvus().releaseName()));
    } catch (RuntimeException e) {
      LOG.warn("Grafana: Milvus's dashboard was not imported: {}", e.getMessage());
    }
  }

  private void installMilvus(Optional<HelmReleaseRecords.Revision> prior) {
    String namespace = config.milvus().namespace();
    boolean reuse = config.cluster() instanceof ClusterChoice.K3s k3s && k3s.config().reuse();
    if (reuse && isDeployed()) {
      clock.skipped(
          "Milvus ready",
          "release " + namespace + "/" + config.milvus().releaseName() + " already deployed");
      return;
    }
    clock.run(
        "Milvus ready",
        "helm upgrade --install "
            + config.milvus().releaseName()
            + " milvus/milvus "
            + config.milvus().chartVersion()
            + " --wait ("
            + config.milvus().readyTimeout().toSeconds()
            + " s)",
        () -> {
          prepareNamespace(namespace);
          boolean fresh = prior.isEmpty() || recoverPending(prior.get());
          if (fresh) {
            Set<String> claims =
                StartPreflight.api(
                    config,
                    "list volume claims in " + namespace,
                    () ->
                        InstalledParts.releaseClaims(
                            cluster.client(), namespace, config.milvus().releaseName()),
                    "list",
                    "persistentvolumeclaims",
                    namespace);
            parts.releaseClaimsCreated(
                cluster.client(), namespace, config.milvus().releaseName(), claims);
            parts.releaseInstalled(release, cluster.kubeconfigFile());
          }
          release.install(cluster.kubeconfigFile());
        });
  }

  // A namespace an earlier run is still removing is waited for; an absent one is created with the
  // run's labels.
  private void prepareNamespace(String namespace) {
    KubernetesClient client = cluster.client();
    KubeWaits.namespaceNotTerminating(
        client,
        namespace,
        config.milvus().readyTimeout(),
        () ->
            new MilvusReleaseException(
                EnvironmentErrors.namespaceStillTerminating(
                    namespace, config.milvus().readyTimeout())));
    if (StartPreflight.api(
            config,
            "get namespace " + namespace,
            () -> client.namespaces().withName(namespace).get(),
            "get",
            "namespaces",
            namespace)
        == null) {
      parts.namespaceCreated(client, namespace, run);
      StartPreflight.api(
          config,
          "create namespace " + namespace,
          () ->
              client
                  .namespaces()
                  .resource(
                      new NamespaceBuilder()
                          .withNewMetadata()
                          .withName(namespace)
                          .withLabels(run.labels())
                          .endMetadata()
                          .build())
                  .create(),
          "create",
          "namespaces",
          namespace);
    }
  }

  /**
   * Handles a revision an interrupted run left pending; returns whether the release is gone now.
   */
  private boolean recoverPending(HelmReleaseRecords.Revision revision) {
    if (!revision.pending()) {
      return false;
    }
    if ("pending-install".equals(revision.status())) {
      LOG.info(
          "[milvus] release {}/{} was left pending-install by an interrupted run: uninstalling it before installing"
              + " again",
          revision.namespace(),
          revision.name());
      release.uninstall(cluster.kubeconfigFile());
      return true;
    }
    LOG.info(
        "[milvus] release {}/{} revision {} was left {} by an interrupted run: marked it failed, as Helm marks an"
            + " upgrade that did not finish, so that this run's upgrade proceeds ('helm history {} -n {}' shows it)",
        revision.namespace(),
        revision.name(),
        revision.version(),
        revision.status(),
        revision.name(),
        revision.namespace());
    HelmReleaseRecords.markFailed(
        cluster.client(),
        revision,
        "Left "
            + revision.status()
            + " by an interrupted run; marked failed by milvus-monitored run "
            + run.runId());
    return false;
  }

  private boolean isDeployed() {
    try {
      MilvusReleaseStatus status = release.status(cluster.kubeconfigFile());
      return status != null && status.deployed();
    } catch (RuntimeException e) {
      return false;
    }
  }

  // Both must finish (Helm cannot be cancelled half-way); the first failure is reported.
  private static void join(CompletableFuture<Void> a, CompletableFuture<Void> b) {
    RuntimeException first = null;
    for (CompletableFuture<Void> f : List.of(a, b)) {
      try {
        f.join();
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (first == null) {
          first = cause;
        } else {
          first.addSuppressed(cause);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
