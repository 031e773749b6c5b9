package io.github.milvusmonitored.milvus;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.github.milvusmonitored.internal.JvmSignals;
import io.github.milvusmonitored.milvus.internal.ChartLocator;
import io.github.milvusmonitored.milvus.internal.ClusterProbe;
import io.github.milvusmonitored.milvus.internal.HelmNativeLibrary;
import io.github.milvusmonitored.milvus.internal.HelmReleaseInstaller;
import io.github.milvusmonitored.milvus.internal.HelmWorkspace;
import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Milvus Helm release with its ServiceMonitor: render, install, query and remove it, without a
 * helm binary.
 *
 * <p>The chart is downloaded once into a private temporary directory (or taken from {@link
 * MilvusReleaseConfig#localChart()}); nothing under the user's Helm configuration is read or
 * written, and the kubeconfig is always passed as a file. Example:
 *
 * <pre>{@code
 * try (MilvusHelmRelease milvus = MilvusHelmRelease.create(MilvusReleaseConfig.defaults())) {
 *   milvus.install(kubeconfig);
 *   String job = milvus.values().names().jobLabel();   // "my-release-milvus"
 *   ...
 *   milvus.uninstall();
 * }
 * }</pre>
 *
 * {@link #close()} deletes the temporary directory only; it does not uninstall.
 */
public final class MilvusHelmRelease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusHelmRelease.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final MilvusReleaseConfig config;
  private final MilvusValues values;
  private final HelmWorkspace workspace;
  private final ChartLocator chart;
  private volatile Path kubeconfig;

  private MilvusHelmRelease(MilvusReleaseConfig config, MilvusValues values) {
    this.config = config;
    this.values = values;
    this.workspace = HelmWorkspace.create();
    this.chart = new ChartLocator(config);
  }

  /**
   * Checks the configuration's values and prepares the release; nothing is contacted yet.
   *
   * @throws IllegalArgumentException when the merged values are unusable (see {@link
   *     MilvusValues#of})
   */
  public static MilvusHelmRelease create(MilvusReleaseConfig config) {
    MilvusValues values = MilvusValues.of(config);
    HelmNativeLibrary.load();
    LOG.info(
        "Milvus release: '{}' in namespace '{}', chart {}, image tag {}, profile {},"
            + " ServiceMonitor '{}' every {} (timeout {}), ready timeout {}",
        config.releaseName(),
        config.namespace(),
        config.localChart() != null
            ? config.localChart()
            : config.chartName() + " " + config.chartVersion(),
        config.imageTag(),
        config.profile(),
        values.names().serviceMonitorName(),
        values.serviceMonitorInterval(),
        values.scrapeTimeout(),
        config.readyTimeout());
    return new MilvusHelmRelease(config, values);
  }

  public MilvusReleaseConfig config() {
    return config;
  }

  /** Returns the final values and the names the release's resources get. */
  public MilvusValues values() {
    return values;
  }

  /**
   * Renders the release offline ({@code helm template}) and parses the manifests.
   *
   * @throws MilvusReleaseException with Helm's error and the values that caused it when the chart's
   *     templates do not render with these values
   */
  public MilvusManifests render() {
    Path chartPath = chart.locate(workspace);
    try {
      return MilvusManifests.parse(template(chartPath, values.writeTo(workspace.root())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Installs the release, or upgrades it if this namespace already holds it, and waits until its
   * pods are ready. The chart is rendered with the values first, so a chart whose templates do not
   * render fails with Helm's error before anything is installed.
   *
   * @param kubeconfig kubeconfig file of the target cluster
   * @throws MilvusReleaseException when the cluster does not answer, the namespace holds another
   *     release, the chart cannot be fetched or does not render, or the release does not become
   *     ready in time (a failed first install is uninstalled unless {@link
   *     MilvusReleaseConfig#keepFailedRelease()})
   */
  public MilvusReleaseStatus install(Path kubeconfig) {
    Path absolute = kubeconfig.toAbsolutePath();
    try {
      Path valuesFile = values.writeTo(workspace.root());
      Release release =
          JvmSignals.around(
              () ->
                  new HelmReleaseInstaller(config, new ClusterProbe(PROBE_TIMEOUT))
                      .install(
                          absolute,
                          () -> rendered(chart.locate(workspace), valuesFile),
                          valuesFile,
                          workspace.repositoryConfig()));
      this.kubeconfig = absolute;
      return toStatus(release);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns Helm's view of the release installed by {@link #install(Path)}. */
  public MilvusReleaseStatus status() {
    return status(requireInstalled());
  }

  /** Returns Helm's view of the release in the cluster of this kubeconfig. */
  public MilvusReleaseStatus status(Path kubeconfig) {
    try {
      return toStatus(
          Helm.status(config.releaseName())
              .withNamespace(config.namespace())
              .withKubeConfig(kubeconfig.toAbsolutePath())
              .call());
    } catch (RuntimeException e) {
      throw new MilvusReleaseException(
          MilvusErrors.helmCallFailed("status", config.releaseName(), config.namespace(), e), e);
    }
  }

  /** Uninstalls the release installed by {@link #install(Path)}; the namespace is left in place. */
  public void uninstall() {
    uninstall(requireInstalled());
  }

  /** Uninstalls the release from the cluster of this kubeconfig; a missing release is no error. */
  public void uninstall(Path kubeconfig) {
    long start = System.nanoTime();
    try {
      Helm.uninstall(config.releaseName())
          .withNamespace(config.namespace())
          .withKubeConfig(kubeconfig.toAbsolutePath())
          .ignoreNotFound()
          .call();
      LOG.info(
          "Milvus release: '{}' uninstalled from namespace '{}' in {} ms",
          config.releaseName(),
          config.namespace(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      throw new MilvusReleaseException(
          MilvusErrors.helmCallFailed("uninstall", config.releaseName(), config.namespace(), e), e);
    }
  }

  /** Deletes the temporary directory holding the chart and values; the release stays installed. */
  @Override
  public void close() {
    workspace.close();
  }

  /** Returns the chart once it rendered with the values file; nothing is sent to the cluster. */
  private Path rendered(Path chartPath, Path valuesFile) {
    template(chartPath, valuesFile);
    return chartPath;
  }

  private String template(Path chartPath, Path valuesFile) {
    try {
      return JvmSignals.around(
          () ->
              new Helm(chartPath)
                  .template()
                  .withName(config.releaseName())
                  .withNamespace(config.namespace())
                  .withValuesFile(valuesFile)
                  .withRepositoryConfig(workspace.repositoryConfig())
                  .call());
    } catch (RuntimeException e) {
      throw new MilvusReleaseException(
          MilvusErrors.renderFailed(chart.describe(), valuesFile, MilvusValues.userKeys(config), e),
          e);
    }
  }

  private Path requireInstalled() {
    Path current = kubeconfig;
    if (current == null) {
      throw new IllegalStateException(MilvusErrors.notInstalledYet());
    }
    return current;
  }

  private static MilvusReleaseStatus toStatus(Release release) {
    return new MilvusReleaseStatus(
        release.getName(),
        release.getNamespace(),
        release.getStatus(),
        release.getRevision(),
        release.getChart(),
        release.getAppVersion(),
        release.getLastDeployed());
  }
}
