package io.github.milvusmonitored.environment;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the environment runs: a k3s container of its own, or an existing cluster from a kubeconfig.
 */
public sealed interface ClusterChoice {

  /** A k3s container started through Testcontainers. */
  record K3s(K3sClusterConfig config) implements ClusterChoice {
    public K3s {
      Objects.requireNonNull(config, "config");
    }
  }

  /**
   * An existing cluster.
   *
   * @param kubeconfig the kubeconfig file, or null for {@code KUBECONFIG} / {@code ~/.kube/config}
   * @param context the context, or null for the file's current context
   */
  record Existing(Path kubeconfig, String context) implements ClusterChoice {}

  /** k3s with the default image. */
  static ClusterChoice k3s() {
    return new K3s(K3sClusterConfig.defaults());
  }

  /** An existing cluster through {@code kubeconfig}'s current context. */
  static ClusterChoice existing(Path kubeconfig) {
    return new Existing(kubeconfig, null);
  }
}
