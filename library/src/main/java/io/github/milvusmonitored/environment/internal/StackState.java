package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What of kube-prometheus a cluster already has: to reuse a healthy stack and never remove a
 * user's.
 */
public record StackState(
    boolean crdsEstablished, boolean operatorAvailable, boolean prometheusPresent) {

  static final String SERVICE_MONITOR_CRD = "servicemonitors.monitoring.coreos.com";

  /** Reads the state; anything unreadable counts as absent. */
  public static StackState detect(KubernetesClient client) {
    return new StackState(
        crdEstablished(client), operatorAvailable(client), prometheusPresent(client));
  }

  /** Whether the stack is there and working (then nothing is installed or removed). */
  public boolean isHealthy() {
    return crdsEstablished && operatorAvailable && prometheusPresent;
  }

  /** Whether any part of the stack is there. */
  public boolean isPresent() {
    return crdsEstablished || operatorAvailable || prometheusPresent;
  }

  private static boolean crdEstablished(KubernetesClient client) {
    try {
      CustomResourceDefinition crd =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(SERVICE_MONITOR_CRD)
              .get();
      return crd != null
          && crd.getStatus() != null
          && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private static boolean operatorAvailable(KubernetesClient client) {
    try {
      Deployment d =
          client
              .apps()
              .deployments()
              .inNamespace("monitoring")
              .withName("prometheus-operator")
              .get();
      return d != null
          && d.getStatus() != null
          && d.getStatus().getAvailableReplicas() != null
          && d.getStatus().getAvailableReplicas() > 0;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private static boolean prometheusPresent(KubernetesClient client) {
    try {
      return client
              .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
              .inNamespace("monitoring")
              .withName("k8s")
              .get()
          != null;
    } catch (KubernetesClientException e) {
      return false;
    }
  }
}
