package io.github.milvusmonitored.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * A Kubernetes cluster to install into: a k3s container of our own ({@link K3sCluster}) or one the
 * user already runs ({@link ExistingCluster}).
 */
public interface KubernetesCluster extends AutoCloseable {

  /** A fabric8 client for the cluster; owned by the cluster, do not close it. */
  KubernetesClient client();

  /**
   * A kubeconfig file for tools that need one (Helm, kubectl); readable only by the current user.
   */
  Path kubeconfigFile();

  /**
   * One line for logs and messages, e.g. "k3s rancher/k3s:v1.35.0-k3s1 at https://localhost:32771".
   */
  String description();

  /**
   * Whether this cluster was created for the test run (and so may be changed freely and removed).
   */
  boolean isDisposable();

  /** Stops what this object started; an existing cluster is left running. */
  @Override
  void close();
}
