package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;

/** Writes every resource of one kind (ServiceMonitor, PrometheusRule) in all namespaces as YAML. */
public final class MonitoringResourcesCollector<T extends HasMetadata> {

  private final KubernetesClient client;
  private final Class<T> type;

  public MonitoringResourcesCollector(KubernetesClient client, Class<T> type) {
    this.client = client;
    this.type = type;
  }

  public String collect(StepRunner.StepOutput out) {
    String kind = type.getSimpleName();
    List<T> items;
    try {
      items =
          client.resources(type).inAnyNamespace().list().getItems().stream()
              .sorted(
                  Comparator.comparing((T r) -> r.getMetadata().getNamespace())
                      .thenComparing(r -> r.getMetadata().getName()))
              .toList();
    } catch (RuntimeException e) {
      return "# "
          + out.fail(DiagnosticsErrors.couldNotCollect(kind + "s in all namespaces", e))
          + "\n";
    }
    StringBuilder text =
        new StringBuilder("# ")
            .append(items.size())
            .append(' ')
            .append(kind)
            .append("(s) in all namespaces\n");
    for (T item : items) {
      // managedFields are long and say nothing about why something is not scraped.
      item.getMetadata().setManagedFields(null);
      String yaml = client.getKubernetesSerialization().asYaml(item);
      text.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
      if (!yaml.endsWith("\n")) {
        text.append('\n');
      }
    }
    return text.toString();
  }
}
