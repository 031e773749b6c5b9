package io.github.milvusmonitored.milvus.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code helm upgrade --install --create-namespace --wait} for the Milvus release through
 * helm-java, after checking that the cluster answers and that the namespace holds no other release,
 * and removes a first install that failed.
 */
public final class HelmReleaseInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(HelmReleaseInstaller.class);
  private static final Duration PROGRESS_PERIOD = Duration.ofSeconds(30);

  private final MilvusReleaseConfig config;
  private final ClusterProbe probe;

  public HelmReleaseInstaller(MilvusReleaseConfig config, ClusterProbe probe) {
    this.config = config;
    this.probe = probe;
  }

  /**
   * Installs or upgrades the release with a values file; the chart is fetched only once the cluster
   * answered and the namespace was found free.
   *
   * @param kubeconfig kubeconfig file; given to Helm as a file, since helm-java's upgrade ignores
   *     kubeconfig contents
   */
  public Release install(
      Path kubeconfig, Supplier<Path> chartSource, Path valuesFile, Path repositoryConfig) {
    String release = config.releaseName();
    String namespace = config.namespace();
    probe.requireReachable(kubeconfig);
    boolean existed = requireNamespaceFreeForUs(kubeconfig);
    Path chart = chartSource.get();
    long timeoutSeconds = Math.max(1, (config.readyTimeout().toMillis() + 999) / 1000);
    LOG.info(
        "Milvus release: {} {} '{}' in namespace '{}' from {}; waiting up to {}s for its pods",
        existed ? "upgrading" : "installing",
        config.chartName(),
        release,
        namespace,
        chart,
        timeoutSeconds);
    try (ProgressTicker ticker =
        ProgressTicker.start(
            LOG,
            "Milvus release " + namespace + "/" + release,
            "Helm to see every Deployment and StatefulSet ready",
            config.readyTimeout(),
            PROGRESS_PERIOD)) {
      try {
        Release result =
            new Helm(chart)
                .upgrade()
                .install()
                .withName(release)
                .withNamespace(namespace)
                .createNamespace()
                .waitReady()
                .withTimeout((int) Math.min(Integer.MAX_VALUE, timeoutSeconds))
                .withValuesFile(valuesFile)
                .withKubeConfig(kubeconfig)
                .withRepositoryConfig(repositoryConfig)
                .call();
        LOG.info(
            "Milvus release: '{}' is {} (revision {}) after {}",
            release,
            result.getStatus(),
            result.getRevision(),
            ticker.elapsed());
        return result;
      } catch (RuntimeException e) {
        String aftermath =
            existed ? MilvusErrors.preexistingReleaseLeft(release) : cleanUp(kubeconfig);
        throw new MilvusReleaseException(
            MilvusErrors.installFailed(release, namespace, config.readyTimeout(), e, aftermath), e);
      }
    }
  }

  /**
   * Returns whether our release already exists; fails if another release lives in the namespace.
   */
  private boolean requireNamespaceFreeForUs(Path kubeconfig) {
    List<Release> releases;
    try {
      releases =
          Helm.list().all().withNamespace(config.namespace()).withKubeConfig(kubeconfig).call();
    } catch (RuntimeException e) {
      throw new MilvusReleaseException(
          MilvusErrors.helmCallFailed("list", config.releaseName(), config.namespace(), e), e);
    }
    List<String> others =
        releases.stream()
            .filter(release -> !"uninstalled".equalsIgnoreCase(release.getStatus()))
            .map(Release::getName)
            .filter(name -> !config.releaseName().equals(name))
            .sorted()
            .toList();
    if (!others.isEmpty()) {
      throw new MilvusReleaseException(
          MilvusErrors.namespaceHoldsOtherRelease(
              config.namespace(), others, config.releaseName()));
    }
    return releases.stream().anyMatch(release -> config.releaseName().equals(release.getName()));
  }

  private String cleanUp(Path kubeconfig) {
    if (config.keepFailedRelease()) {
      return MilvusErrors.failedReleaseKept(config.releaseName(), config.namespace());
    }
    try {
      LOG.info(
          "Milvus release: install failed, uninstalling the half-installed release '{}'",
          config.releaseName());
      Helm.uninstall(config.releaseName())
          .withNamespace(config.namespace())
          .withKubeConfig(kubeconfig)
          .ignoreNotFound()
          .call();
      return MilvusErrors.failedReleaseRemoved(config.releaseName());
    } catch (RuntimeException e) {
      return MilvusErrors.failedReleaseCleanupFailed(config.releaseName(), config.namespace(), e);
    }
  }
}
