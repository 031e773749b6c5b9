package io.github.milvusmonitored.milvus.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.milvusmonitored.internal.Causes;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, within a bounded time, that the API server of a kubeconfig answers, before Helm is asked
 * to do anything: Helm's own client has no overall timeout and its errors do not name the
 * kubeconfig.
 */
public final class ClusterProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);

  private final Duration timeout;

  public ClusterProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Asks the API server for its version.
   *
   * @return the server's Kubernetes version
   * @throws MilvusReleaseException when the kubeconfig is missing or the server does not answer
   */
  public String requireReachable(Path kubeconfig) {
    if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
      throw new MilvusReleaseException(MilvusErrors.missingKubeconfig(kubeconfig));
    }
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    int millis = (int) timeout.toMillis();
    config.setConnectionTimeout(millis);
    config.setRequestTimeout(millis);
    config.setRequestRetryBackoffLimit(0);
    long start = System.nanoTime();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      String version = client.getKubernetesVersion().getGitVersion();
      LOG.info(
          "Milvus release: API server {} answers (Kubernetes {}) after {} ms",
          config.getMasterUrl(),
          version,
          (System.nanoTime() - start) / 1_000_000);
      return version;
    } catch (RuntimeException e) {
      throw new MilvusReleaseException(
          MilvusErrors.clusterUnreachable(config.getMasterUrl(), kubeconfig, rootCause(e)), e);
    }
  }

  private static Exception rootCause(Exception failure) {
    return Causes.root(failure) instanceof Exception root ? root : failure;
  }
}
