package io.github.milvusmonitored.environment;

import java.util.Locale;

/**
 * Where the Prometheus that scrapes Milvus comes from.
 *
 * <pre>{@code
 * EnvironmentConfig.defaults().withCluster(ClusterChoice.existing(kubeconfig)).withStack(StackMode.EXISTING);
 * }</pre>
 */
public enum StackMode {
  /**
   * Install kube-prometheus (a healthy kube-prometheus already in {@code monitoring} is used as it
   * is).
   */
  INSTALL,
  /**
   * Use the operator-based stack the cluster has (kube-prometheus-stack, or a kube-prometheus
   * installed by someone else): nothing of it is installed or changed; the Prometheus resource that
   * selects the Milvus ServiceMonitor is used, the chart's ServiceMonitor gets the labels it
   * selects when none does.
   */
  EXISTING,
  /**
   * {@link #EXISTING} when the cluster runs a Prometheus operator with a Prometheus resource, else
   * {@link #INSTALL}.
   */
  AUTO;

  /** {@code install}, {@code existing} or {@code auto}, any case. */
  public static StackMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Unknown stack mode '" + text + "': use install, existing or auto.", e);
    }
  }
}
