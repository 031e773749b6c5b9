package io.github.milvusmonitored.environment;

import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides what a monitored environment is: the cluster, the kube-prometheus profile
 * and manifests, the Milvus release, the deadlines, and what to keep afterwards.
 *
 * <pre>{@code
 * EnvironmentConfig config = EnvironmentConfig.defaults()
 *     .withStackProfile(StackProfile.FULL)
 *     .withMilvus(MilvusReleaseConfig.builder().withImageTag("v2.6.15").build());
 * }</pre>
 *
 * @param cluster where to run
 * @param stackProfile which parts of kube-prometheus to install
 * @param manifests where the kube-prometheus manifests come from
 * @param milvus the Milvus Helm release
 * @param stackReadyTimeout deadline for each kube-prometheus readiness phase (operator, Prometheus)
 * @param firstSampleTimeout deadline for the Milvus target to be up and its first sample scraped
 * @param keepOnFailure leave everything installed when a phase fails, for diagnosis
 * @param keepInstalled leave everything installed on close (an existing cluster keeps the stack)
 * @param reportDirectory where diagnostics and the timing report are written
 * @param preloadImages on k3s, load the images the configuration needs from the host's Docker into
 *     k3s before installing, so that k3s pulls only what the host does not have
 * @param rbacPatch patch ClusterRole {@code prometheus-k8s} so Prometheus discovers targets in the
 *     Milvus namespace; turn it off only to reproduce the "target absent" symptom
 * @param stack install kube-prometheus, use the operator-based stack the cluster has, or choose
 */
public record EnvironmentConfig(
    ClusterChoice cluster,
    StackProfile stackProfile,
    ManifestSource manifests,
    MilvusReleaseConfig milvus,
    Duration stackReadyTimeout,
    Duration firstSampleTimeout,
    boolean keepOnFailure,
    boolean keepInstalled,
    Path reportDirectory,
    boolean preloadImages,
    boolean rbacPatch,
    StackMode stack) {

  public EnvironmentConfig {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stackProfile, "stackProfile");
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(milvus, "milvus");
    Checks.positive("stackReadyTimeout", stackReadyTimeout);
    Checks.positive("firstSampleTimeout", firstSampleTimeout);
    Objects.requireNonNull(reportDirectory, "reportDirectory");
    Objects.requireNonNull(stack, "stack");
  }

  /**
   * k3s with the default image, the minimal stack from kube-prometheus v0.18.0, the light
   * standalone Milvus, 5 minutes per stack phase and for the first sample, nothing kept, images
   * preloaded from the host's Docker where it has them.
   */
  public static EnvironmentConfig defaults() {
    return new EnvironmentConfig(
        ClusterChoice.k3s(),
        StackProfile.MINIMAL,
        ManifestSource.download("v0.18.0"),
        MilvusReleaseConfig.defaults(),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        false,
        false,
        Path.of("target", "milvus-monitored"),
        true,
        true,
        StackMode.INSTALL);
  }

  public EnvironmentConfig withCluster(ClusterChoice value) {
    return new EnvironmentConfig(
        value,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withStackProfile(StackProfile value) {
    return new EnvironmentConfig(
        cluster,
        value,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withManifests(ManifestSource value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        value,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withMilvus(MilvusReleaseConfig value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        value,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withStackReadyTimeout(Duration value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        value,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withFirstSampleTimeout(Duration value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        value,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withKeepOnFailure(boolean value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        value,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withKeepInstalled(boolean value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        value,
        reportDirectory,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withReportDirectory(Path value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        value,
        preloadImages,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withPreloadImages(boolean value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        value,
        rbacPatch,
        stack);
  }

  public EnvironmentConfig withRbacPatch(boolean value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        value,
        stack);
  }

  /**
   * Install kube-prometheus (default), use the stack the cluster has, or choose ({@link
   * StackMode}).
   */
  public EnvironmentConfig withStack(StackMode value) {
    return new EnvironmentConfig(
        cluster,
        stackProfile,
        manifests,
        milvus,
        stackReadyTimeout,
        firstSampleTimeout,
        keepOnFailure,
        keepInstalled,
        reportDirectory,
        preloadImages,
        rbacPatch,
        value);
  }
}
