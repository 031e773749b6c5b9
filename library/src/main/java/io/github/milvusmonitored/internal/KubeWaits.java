package io.github.milvusmonitored.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** Waits for workloads to become ready, with progress lines and a deadline. */
public final class KubeWaits {

  private KubeWaits() {}

  /**
   * Waits until the Deployment has at least one available replica and all desired replicas updated.
   */
  public static Deployment deploymentReady(
      KubernetesClient client, String namespace, String name, Duration timeout) {
    return Waiting.until(
        "deployment " + namespace + "/" + name + " available",
        timeout,
        () -> {
          Deployment d =
              get(() -> client.apps().deployments().inNamespace(namespace).withName(name).get());
          if (d == null || d.getStatus() == null) {
            return null;
          }
          Integer available = d.getStatus().getAvailableReplicas();
          return available != null && available > 0 ? d : null;
        },
        () ->
            new IllegalStateException(
                "Deployment "
                    + namespace
                    + "/"
                    + name
                    + " had no available replica"
                    + " within "
                    + MonitoredDuration.humanText(timeout)
                    + ". Look at its pods: kubectl -n "
                    + namespace
                    + " describe deployment "
                    + name));
  }

  /** Waits until the StatefulSet has at least {@code replicas} ready replicas. */
  public static StatefulSet statefulSetReady(
      KubernetesClient client, String namespace, String name, int replicas, Duration timeout) {
    return Waiting.until(
        "statefulset " + namespace + "/" + name + " ready",
        timeout,
        () -> {
          StatefulSet s =
              get(() -> client.apps().statefulSets().inNamespace(namespace).withName(name).get());
          if (s == null || s.getStatus() == null) {
            return null;
          }
          Integer ready = s.getStatus().getReadyReplicas();
          return ready != null && ready >= replicas ? s : null;
        },
        () ->
            new IllegalStateException(
                "StatefulSet "
                    + namespace
                    + "/"
                    + name
                    + " had fewer than "
                    + replicas
                    + " ready replica(s) within "
                    + MonitoredDuration.humanText(timeout)
                    + ". The Prometheus operator creates it from the Prometheus"
                    + " resource: kubectl -n "
                    + namespace
                    + " describe prometheus,statefulset; kubectl -n "
                    + namespace
                    + " logs deploy/prometheus-operator"));
  }

  /**
   * Returns at once when namespace {@code name} is absent or active; while it is Terminating (an
   * earlier removal), waits until it is gone, logging progress, or throws {@code onTimeout}'s
   * exception.
   *
   * @return whether it was Terminating when looked at
   */
  public static boolean namespaceNotTerminating(
      KubernetesClient client,
      String name,
      Duration timeout,
      Supplier<RuntimeException> onTimeout) {
    Namespace ns = client.namespaces().withName(name).get();
    if (ns == null || ns.getStatus() == null || !"Terminating".equals(ns.getStatus().getPhase())) {
      return false;
    }
    LoggerFactory.getLogger(KubeWaits.class)
        .info(
            "[cluster] namespace {} is still Terminating (an earlier removal); waiting up to {} s until it is gone",
            name,
            timeout.toSeconds());
    Waiting.until(
        "namespace " + name + " to finish terminating",
        timeout,
        () -> {
          try {
            return client.namespaces().withName(name).get() == null ? Boolean.TRUE : null;
          } catch (KubernetesClientException e) {
            if (KubeRetry.isTransient(e)) {
              return null;
            }
            throw e;
          }
        },
        onTimeout);
    return true;
  }

  // Transient API errors (a restarting API server, 429, 5xx) count as "not yet"; anything else
  // fails at once.
  private static <T> T get(Supplier<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (KubeRetry.isTransient(e)) {
        return null;
      }
      throw e;
    }
  }
}
