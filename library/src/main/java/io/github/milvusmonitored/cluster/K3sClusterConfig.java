package io.github.milvusmonitored.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start k3s in Docker.
 *
 * <pre>{@code
 * K3sClusterConfig config = K3sClusterConfig.defaults().withImage("rancher/k3s:v1.36.1-k3s1").withReuse(true);
 * }</pre>
 *
 * @param image the rancher/k3s image; kube-prometheus v0.18.0 supports Kubernetes 1.33 to 1.36
 * @param reuse keep the container after the JVM exits and find it again next time (Testcontainers
 *     reuse; needs {@code testcontainers.reuse.enable=true} in {@code ~/.testcontainers.properties})
 * @param sharedRootMount make the container's {@code /} a shared mount so node-exporter can start
 * @param startupTimeout how long k3s may take to report its node controller synced
 */
public record K3sClusterConfig(String image, boolean reuse, boolean sharedRootMount, Duration startupTimeout) {

  /** The default image: inside kube-prometheus v0.18.0's supported range. */
  public static final String DEFAULT_IMAGE = "rancher/k3s:v1.35.0-k3s1";

  public K3sClusterConfig {
    Objects.requireNonNull(image, "image");
    if (!image.matches("([\\w.-]+(:\\d+)?/)?[\\w./-]*k3s[\\w.-]*(:[\\w.-]+)?(@sha256:[0-9a-f]{64})?")) {
      throw new IllegalArgumentException("k3s image must be a rancher/k3s image reference such as "
          + DEFAULT_IMAGE + " (or a mirror of it), got '" + image + "'.");
    }
    if (startupTimeout == null || startupTimeout.isZero() || startupTimeout.isNegative()) {
      throw new IllegalArgumentException("k3s startup timeout must be positive, got " + startupTimeout + ".");
    }
  }

  /** The default image, no reuse, private root mount, 3 minutes to start. */
  public static K3sClusterConfig defaults() {
    return new K3sClusterConfig(DEFAULT_IMAGE, false, false, Duration.ofMinutes(3));
  }

  public K3sClusterConfig withImage(String image) {
    return new K3sClusterConfig(image, reuse, sharedRootMount, startupTimeout);
  }

  public K3sClusterConfig withReuse(boolean reuse) {
    return new K3sClusterConfig(image, reuse, sharedRootMount, startupTimeout);
  }

  public K3sClusterConfig withSharedRootMount(boolean shared) {
    return new K3sClusterConfig(image, reuse, shared, startupTimeout);
  }

  public K3sClusterConfig withStartupTimeout(Duration timeout) {
    return new K3sClusterConfig(image, reuse, sharedRootMount, timeout);
  }

  /**
   * The k3s server arguments. Traefik is not needed; k3s's metrics-server registers the same
   * APIService ({@code v1beta1.metrics.k8s.io}) as kube-prometheus's prometheus-adapter.
   */
  public java.util.List<String> serverArguments(String tlsSan) {
    return java.util.List.of("server", "--disable=traefik,metrics-server", "--tls-san=" + tlsSan);
  }
}
