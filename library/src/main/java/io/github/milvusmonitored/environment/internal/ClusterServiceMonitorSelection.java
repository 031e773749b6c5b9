package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.ServiceMonitorSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the release's ServiceMonitor (its namespace's labels and its own) with every Prometheus
 * resource's {@code serviceMonitorNamespaceSelector} and {@code serviceMonitorSelector}, as the
 * operator does ({@link PrometheusSelection}).
 */
public final class ClusterServiceMonitorSelection implements ServiceMonitorSelection {

  private final KubernetesClient client;

  public ClusterServiceMonitorSelection(KubernetesClient client) {
    this.client = client;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<String> notSelected(MilvusSelector release) {
    try {
      GenericKubernetesResource monitor = null;
      for (String name : release.serviceMonitorNames()) {
        monitor =
            client
                .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                .inNamespace(release.namespace())
                .withName(name)
                .get();
        if (monitor != null) {
          break;
        }
      }
      if (monitor == null) {
        return Optional.empty();
      }
      Map<String, String> monitorLabels =
          monitor.getMetadata().getLabels() == null ? Map.of() : monitor.getMetadata().getLabels();
      Namespace ns = client.namespaces().withName(release.namespace()).get();
      Map<String, String> nsLabels =
          new LinkedHashMap<>(
              ns == null || ns.getMetadata().getLabels() == null
                  ? Map.of()
                  : ns.getMetadata().getLabels());
      nsLabels.putIfAbsent("kubernetes.io/metadata.name", release.namespace());
      List<GenericKubernetesResource> prometheuses =
          client
              .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
              .inAnyNamespace()
              .list()
              .getItems();
      List<String> reasons = new ArrayList<>();
      for (GenericKubernetesResource p : prometheuses) {
        Map<String, Object> spec =
            p.getAdditionalProperties().get("spec") instanceof Map<?, ?> m
                ? (Map<String, Object>) m
                : Map.of();
        List<String> why =
            reasons(
                spec, p.getMetadata().getNamespace(), release.namespace(), nsLabels, monitorLabels);
        if (why.isEmpty()) {
          return Optional.empty();
        }
        reasons.add(
            "Prometheus "
                + p.getMetadata().getNamespace()
                + "/"
                + p.getMetadata().getName()
                + ": "
                + String.join("; ", why));
      }
      return Optional.of(
          SelectionTexts.notSelected(
              release.namespace() + "/" + monitor.getMetadata().getName(),
              monitorLabels,
              nsLabels,
              reasons));
    } catch (KubernetesClientException e) {
      // Not allowed to read Prometheus resources or ServiceMonitors: the plain "no scrape job"
      // answer stands.
      return Optional.empty();
    }
  }

  /** Each selector of {@code spec} that excludes the ServiceMonitor, with what fixes it. */
  static List<String> reasons(
      Map<String, Object> spec,
      String prometheusNamespace,
      String monitorNamespace,
      Map<String, String> nsLabels,
      Map<String, String> monitorLabels) {
    List<String> out = new ArrayList<>();
    Object nsSelector = spec.get("serviceMonitorNamespaceSelector");
    if (nsSelector == null) {
      if (!prometheusNamespace.equals(monitorNamespace)) {
        out.add(SelectionTexts.ownNamespaceOnly(prometheusNamespace, monitorNamespace));
      }
    } else if (!PrometheusSelection.matches(nsSelector, nsLabels)) {
      out.add(
          SelectionTexts.namespaceExcluded(
              nsSelector, monitorNamespace, PrometheusSelection.unmet(nsSelector, nsLabels)));
    }
    Object selector = spec.get("serviceMonitorSelector");
    if (selector == null) {
      out.add(SelectionTexts.selectorUnset());
    } else if (!PrometheusSelection.matches(selector, monitorLabels)) {
      out.add(
          SelectionTexts.labelsExcluded(
              selector, PrometheusSelection.unmet(selector, monitorLabels)));
    }
    return out;
  }
}
