package io.github.milvusmonitored.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cluster.internal.ClusterErrors;
import io.github.milvusmonitored.cluster.internal.Kubeconfigs;
import io.github.milvusmonitored.internal.LeftoverFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * k3s in Docker through Testcontainers, with a fabric8 client that reads k3s's elliptic-curve keys.
 *
 * <pre>{@code
 * try (K3sCluster k3s = K3sCluster.start(K3sClusterConfig.defaults())) {
 *   k3s.client().namespaces().list();
 * }
 * }</pre>
 */
public final class K3sCluster implements KubernetesCluster {

  /** What the private kubeconfig's name starts with, before the process id. */
  static final String KUBECONFIG_FAMILY = "milvus-monitored-k3s-";

  private static final Logger LOG = LoggerFactory.getLogger(K3sCluster.class);

  private final K3sContainer container;
  private final K3sClusterConfig config;
  private final KubernetesClient client;
  private final Path kubeconfig;

  private K3sCluster(K3sContainer container, K3sClusterConfig config, String kubeconfigYaml) {
    this.container = container;
    this.config = config;
    this.client = Kubeconfigs.client(kubeconfigYaml, null, "of the k3s container");
    LeftoverFiles.sweepTemp(KUBECONFIG_FAMILY);
    this.kubeconfig =
        Kubeconfigs.writePrivate(kubeconfigYaml, LeftoverFiles.prefix(KUBECONFIG_FAMILY));
  }

  /** Starts k3s (or, with reuse, finds the running one) and waits until its API server answers. */
  public static K3sCluster start(K3sClusterConfig config) {
    long t0 = System.nanoTime();
    requireDocker();
    LOG.info(
        "[cluster] starting k3s {} (reuse={}), waiting up to {}s for 'Node controller sync successful'",
        config.image(),
        config.reuse(),
        config.startupTimeout().toSeconds());
    K3sContainer container =
        new K3sContainer(
            DockerImageName.parse(config.image()).asCompatibleSubstituteFor("rancher/k3s"));
    container.setCommand(config.serverArguments(container.getHost()).toArray(String[]::new));
    container
        .withReuse(config.reuse())
        .withLabel("io.github.milvusmonitored.cluster", "k3s")
        .withStartupTimeout(config.startupTimeout());
    copyBeforeStart(container, config);
    try {
      container.start();
      if (config.sharedRootMount()) {
        // node-exporter mounts / with HostToContainer propagation, which needs a shared mount.
        container.execInContainer("mount", "--make-rshared", "/");
      }
      K3sCluster cluster = new K3sCluster(container, config, container.getKubeConfigYaml());
      String version = Kubeconfigs.verifyReachable(cluster.client, "k3s", Duration.ofSeconds(30));
      LOG.info(
          "[cluster] k3s {} ready at {} after {} s",
          version,
          cluster.client.getMasterUrl(),
          (System.nanoTime() - t0) / 1_000_000_000L);
      return cluster;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      container.stop();
      throw new ClusterException("Interrupted while starting k3s", e);
    } catch (RuntimeException | IOException e) {
      // Read before stopping: the kubelet's reason is in the log of the container being removed.
      ClusterException failure =
          e instanceof ClusterException ce
              ? ce
              : ClusterErrors.isRyukFailure(e)
                  ? ClusterErrors.ryukUnavailable(ryukImage(), e)
                  : ClusterErrors.k3sFailed(
                      config.image(),
                      config.startupTimeout(),
                      e,
                      K3sClusterHost.cgroupVersion(),
                      K3sClusterHost.logs(container));
      if (!config.reuse()) {
        container.stop();
      }
      throw failure;
    }
  }

  /** k3s reads registries.yaml and imports archives only when it starts, so both go in first. */
  private static void copyBeforeStart(K3sContainer container, K3sClusterConfig config) {
    if (config.registriesYaml() != null) {
      container.withCopyToContainer(
          Transferable.of(config.registriesYaml()), K3sClusterConfig.REGISTRIES_PATH);
      LOG.info("[cluster] registry configuration copied to {}", K3sClusterConfig.REGISTRIES_PATH);
    }
    for (Path archive : config.imageArchives()) {
      container.withCopyFileToContainer(
          MountableFile.forHostPath(archive),
          K3sClusterConfig.IMAGE_ARCHIVE_DIRECTORY + archive.getFileName());
      LOG.info(
          "[cluster] image archive {} copied to {} (imported by k3s at start)",
          archive,
          K3sClusterConfig.IMAGE_ARCHIVE_DIRECTORY);
    }
  }

  private static void requireDocker() {
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        throw ClusterErrors.dockerMissing(new IllegalStateException("Docker is not available"));
      }
    } catch (ClusterException e) {
      throw e;
    } catch (RuntimeException e) {
      // Testcontainers starts Ryuk while it looks for Docker; an image it cannot pull is not a
      // missing Docker.
      throw ClusterErrors.isRyukFailure(e)
          ? ClusterErrors.ryukUnavailable(ryukImage(), e)
          : ClusterErrors.dockerMissing(e);
    }
  }

  /**
   * The Ryuk image Testcontainers asks for, after its image substitution (hub prefix, properties).
   */
  @SuppressWarnings("deprecation")
  private static String ryukImage() {
    try {
      return TestcontainersConfiguration.getInstance().getRyukImage();
    } catch (RuntimeException e) {
      return "testcontainers/ryuk";
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Path kubeconfigFile() {
    return kubeconfig;
  }

  /** The k3s container, to copy files in or run commands (image preloading, mirrors). */
  public K3sContainer container() {
    return container;
  }

  @Override
  public String description() {
    return "k3s " + config.image() + " at " + client.getMasterUrl();
  }

  @Override
  public boolean isDisposable() {
    return true;
  }

  /** Closes the client; stops the container unless it is reused. */
  @Override
  public void close() {
    client.close();
    if (!config.reuse()) {
      LOG.info("[cluster] stopping k3s {}", config.image());
      container.stop();
    } else {
      LOG.info("[cluster] leaving reused k3s {} running", config.image());
    }
  }
}
