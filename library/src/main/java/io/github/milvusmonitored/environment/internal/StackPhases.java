package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.GrafanaProvisioning;
import io.github.milvusmonitored.internal.KubeWaits;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import io.github.milvusmonitored.stack.KubePrometheusInstaller;
import io.github.milvusmonitored.stack.StackProfile;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Installs kube-prometheus and Milvus: the CRDs first (a ServiceMonitor needs its CRD), then the
 * rest of the stack and the Milvus release at the same time. A healthy stack already in the cluster
 * is used as it is and never removed; only what this run installs is recorded for removal. With the
 * FULL profile Milvus's dashboard for the image tag is imported into the Grafana this run installed.
 */
final class StackPhases {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StackPhases.class);

  private final EnvironmentConfig config;
  private final KubernetesCluster cluster;
  private final KubePrometheusInstaller installer;
  private final MilvusHelmRelease release;
  private final InstalledParts parts;
  private final PhaseClock clock;

  StackPhases(EnvironmentConfig config, KubernetesCluster cluster, KubePrometheusInstaller installer,
      MilvusHelmRelease release, InstalledParts parts, PhaseClock clock) {
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
    if (installStack) {
      if (!before.isPresent()) {
        parts.stackInstalled(installer);
      }
      clock.run("CRDs Established", "server-side apply of manifests/setup, then every CRD Established", () -> {
        installer.applySetup();
        installer.awaitCrdsEstablished(config.stackReadyTimeout());
      });
    } else {
      clock.skipped("CRDs Established", "kube-prometheus already installed and healthy");
    }
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "milvus-monitored-install");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<Void> stack = CompletableFuture.runAsync(() -> {
        if (installStack) {
          clock.run("operator ready", "apply manifests/ (" + config.stackProfile().name().toLowerCase(java.util.Locale.ROOT)
              + "), deployment monitoring/prometheus-operator available", () -> {
                installer.applyStack();
                KubeWaits.deploymentReady(client, "monitoring", "prometheus-operator", config.stackReadyTimeout());
              });
          if (config.stackProfile() == StackProfile.FULL) {
            provisionDashboard(client);
          }
        } else {
          clock.skipped("operator ready", "already available");
        }
        if (config.rbacPatch()) {
          clock.run("RBAC patched", "ClusterRole prometheus-k8s may discover in every namespace", installer::patchRbac);
        } else {
          clock.skipped("RBAC patched", "turned off: Prometheus cannot discover the Milvus target");
        }
      }, pool);
      CompletableFuture<Void> milvus = CompletableFuture.runAsync(this::installMilvus, pool);
      join(stack, milvus);
    } finally {
      pool.shutdownNow();
    }
  }

  // A dashboard that cannot be had (offline) leaves Grafana without it; the environment is still usable.
  private void provisionDashboard(KubernetesClient client) {
    try {
      GrafanaProvisioning.provision(client, GrafanaDashboard.load(DashboardSource.officialMilvus(
          config.milvus().imageTag())), MilvusSelector.of(config.milvus().namespace(), config.milvus().releaseName()));
    } catch (RuntimeException e) {
      LOG.warn("Grafana: Milvus's dashboard was not imported: {}", e.getMessage());
    }
  }

  private void installMilvus() {
    String namespace = config.milvus().namespace();
    boolean reuse = config.cluster() instanceof ClusterChoice.K3s k3s && k3s.config().reuse();
    if (reuse && isDeployed()) {
      clock.skipped("Milvus ready", "release " + namespace + "/" + config.milvus().releaseName() + " already deployed");
      return;
    }
    boolean namespaceExisted = cluster.client().namespaces().withName(namespace).get() != null;
    clock.run("Milvus ready", "helm upgrade --install " + config.milvus().releaseName() + " milvus/milvus "
        + config.milvus().chartVersion() + " --wait (" + config.milvus().readyTimeout().toSeconds() + " s)", () -> {
          if (!namespaceExisted) {
            parts.namespaceCreated(cluster.client(), namespace);
          }
          parts.releaseInstalled(release, cluster.kubeconfigFile());
          release.install(cluster.kubeconfigFile());
        });
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
    for (CompletableFuture<Void> f : java.util.List.of(a, b)) {
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
