package io.github.milvusmonitored.internal;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/** Waits for workloads to become ready, with progress lines and a deadline. */
public final class KubeWaits {

  private KubeWaits() {}

  /** Waits until the Deployment has at least one available replica and all desired replicas updated. */
  public static Deployment deploymentReady(KubernetesClient client, String namespace, String name, Duration timeout) {
    return Waiting.until("deployment " + namespace + "/" + name + " available", timeout, () -> {
      Deployment d = get(() -> client.apps().deployments().inNamespace(namespace).withName(name).get());
      if (d == null || d.getStatus() == null) {
        return null;
      }
      Integer available = d.getStatus().getAvailableReplicas();
      return available != null && available > 0 ? d : null;
    }, () -> new IllegalStateException("Deployment " + namespace + "/" + name + " had no available replica"
        + " within " + timeout + ". Look at its pods: kubectl -n " + namespace + " describe deployment " + name));
  }

  /** Waits until the StatefulSet has at least {@code replicas} ready replicas. */
  public static StatefulSet statefulSetReady(KubernetesClient client, String namespace, String name, int replicas,
      Duration timeout) {
    return Waiting.until("statefulset " + namespace + "/" + name + " ready", timeout, () -> {
      StatefulSet s = get(() -> client.apps().statefulSets().inNamespace(namespace).withName(name).get());
      if (s == null || s.getStatus() == null) {
        return null;
      }
      Integer ready = s.getStatus().getReadyReplicas();
      return ready != null && ready >= replicas ? s : null;
    }, () -> new IllegalStateException("StatefulSet " + namespace + "/" + name + " had fewer than " + replicas
        + " ready replica(s) within " + timeout + ". The Prometheus operator creates it from the Prometheus"
        + " resource: kubectl -n " + namespace + " describe prometheus,statefulset; kubectl -n " + namespace
        + " logs deploy/prometheus-operator"));
  }

  // Transient API errors (a restarting API server) count as "not yet".
  private static <T> T get(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 403) {
        throw e;
      }
      return null;
    }
  }
}
