package io.github.milvusmonitored.cluster.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.milvusmonitored.cluster.ClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads kubeconfigs, builds clients, writes private kubeconfig files, checks that the API server
 * answers.
 */
public final class Kubeconfigs {

  private Kubeconfigs() {}

  /** A client from kubeconfig text; {@code context} may be null for the file's current context. */
  public static KubernetesClient client(String kubeconfigYaml, String context, String source) {
    Config config;
    try {
      config =
          context == null
              ? Config.fromKubeconfig(kubeconfigYaml)
              : Config.fromKubeconfig(context, kubeconfigYaml, null);
    } catch (RuntimeException e) {
      throw ClusterErrors.unreadableKubeconfig(source, e);
    }
    return build(config, source);
  }

  /** A client from the kubeconfig text written to {@code file}, its current context. */
  public static KubernetesClient clientFromFile(String kubeconfigYaml, Path file, String source) {
    Config config;
    try {
      config = Config.fromKubeconfig(null, kubeconfigYaml, file.toString());
    } catch (RuntimeException e) {
      throw ClusterErrors.unreadableKubeconfig(source, e);
    }
    return build(config, source);
  }

  private static KubernetesClient build(Config config, String source) {
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw ClusterErrors.unreadableKubeconfig(
          source, new IllegalArgumentException("no server URL in the chosen context"));
    }
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Writes {@code yaml} to a new owner-only file that is deleted when the JVM exits. */
  public static Path writePrivate(String yaml, String prefix) {
    try {
      Path file;
      try {
        file =
            Files.createTempFile(
                prefix,
                ".yaml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        file = Files.createTempFile(prefix, ".yaml");
      }
      Files.writeString(file, yaml);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write a kubeconfig file for Helm", e);
    }
  }

  /**
   * Asks the API server for its version; fails with a clear message when it does not answer in
   * time.
   */
  public static String verifyReachable(KubernetesClient client, String source, Duration timeout) {
    try {
      return CompletableFuture.supplyAsync(() -> client.getKubernetesVersion().getGitVersion())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ClusterErrors.notAnswering(source, client.getMasterUrl().toString(), timeout, e);
    } catch (ExecutionException e) {
      throw ClusterErrors.notAnswering(
          source, client.getMasterUrl().toString(), timeout, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("Interrupted while contacting " + client.getMasterUrl(), e);
    }
  }
}
