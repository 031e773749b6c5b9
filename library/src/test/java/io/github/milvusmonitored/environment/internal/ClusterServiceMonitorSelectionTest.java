package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.metrics.MilvusSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which selector of which Prometheus excludes the release's ServiceMonitor, and what fixes it, word
 * for word.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterServiceMonitorSelectionTest {

  KubernetesClient client;

  private static final MilvusSelector RELEASE = MilvusSelector.of("milvus", "my-release");

  @BeforeEach
  void monitor() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(Map.of("kubernetes.io/metadata.name", "milvus"))
                .endMetadata()
                .build())
        .create();
    create(
        "ServiceMonitor",
        "milvus",
        "my-release-milvus-standalone",
        Map.of("app.kubernetes.io/name", "milvus"),
        Map.of());
  }

  private void create(
      String kind,
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, Object> spec) {
    GenericKubernetesResource r =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind(kind)
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client
        .genericKubernetesResources("monitoring.coreos.com/v1", kind)
        .inNamespace(namespace)
        .resource(r)
        .create();
  }

  @Test
  void names_the_release_selector_and_the_chart_value_that_fixes_it() {
    create(
        "Prometheus",
        "monitoring",
        "kps-prometheus",
        Map.of(),
        Map.of(
            "serviceMonitorSelector", Map.of("matchLabels", Map.of("release", "kps")),
            "serviceMonitorNamespaceSelector", Map.of()));

    assertThat(new ClusterServiceMonitorSelection(client).notSelected(RELEASE))
        .contains(
            "ServiceMonitor milvus/my-release-milvus-standalone exists, but no Prometheus resource selects it, so no"
                + " Prometheus has a scrape job for it (its labels {app.kubernetes.io/name=milvus}, its namespace's labels"
                + " {kubernetes.io/metadata.name=milvus}). Prometheus monitoring/kps-prometheus: serviceMonitorSelector"
                + " {matchLabels={release=kps}} excludes it; fix: give the ServiceMonitor the label release=kps (Milvus"
                + " chart value metrics.serviceMonitor.additionalLabels: {release: kps}; with this library,"
                + " MilvusReleaseConfig.Builder.withValues(..) or withValuesFile(..)).");
  }

  @Test
  void names_namespace_selectors_and_unset_selectors() {
    create(
        "Prometheus",
        "monitoring",
        "team",
        Map.of(),
        Map.of(
            "serviceMonitorSelector", Map.of(),
            "serviceMonitorNamespaceSelector",
                Map.of("matchLabels", Map.of("monitoring", "team"))));
    create("Prometheus", "other", "own", Map.of(), Map.of("serviceMonitorSelector", Map.of()));
    create(
        "Prometheus",
        "third",
        "none",
        Map.of(),
        Map.of("serviceMonitorNamespaceSelector", Map.of()));

    String why = new ClusterServiceMonitorSelection(client).notSelected(RELEASE).orElseThrow();

    assertThat(why)
        .contains(
            "Prometheus monitoring/team: serviceMonitorNamespaceSelector {matchLabels={monitoring="
                + "team}} excludes namespace 'milvus'; fix: kubectl label namespace milvus monitoring=team.")
        .contains(
            "Prometheus other/own: serviceMonitorNamespaceSelector is unset, so it selects ServiceMonitors in"
                + " its own namespace 'other' only, not in 'milvus'; fix: its owner sets serviceMonitorNamespaceSelector:"
                + " {} (or one matching namespace 'milvus').")
        .contains(
            "Prometheus third/none: serviceMonitorSelector is unset, so it selects no ServiceMonitor at all;"
                + " fix: its owner sets serviceMonitorSelector: {} or labels to match.");
  }

  @Test
  void says_nothing_when_one_prometheus_selects_it_or_there_is_no_service_monitor() {
    create(
        "Prometheus",
        "monitoring",
        "kps-prometheus",
        Map.of(),
        Map.of(
            "serviceMonitorSelector", Map.of("matchLabels", Map.of("release", "kps")),
            "serviceMonitorNamespaceSelector", Map.of()));
    create(
        "Prometheus",
        "monitoring",
        "k8s",
        Map.of(),
        Map.of(
            "serviceMonitorSelector",
                Map.of(
                    "matchExpressions",
                    List.of(
                        Map.of(
                            "key",
                            "app.kubernetes.io/name",
                            "operator",
                            "In",
                            "values",
                            List.of("milvus")))),
            "serviceMonitorNamespaceSelector", Map.of()));

    assertThat(new ClusterServiceMonitorSelection(client).notSelected(RELEASE)).isEmpty();
    assertThat(
            new ClusterServiceMonitorSelection(client)
                .notSelected(MilvusSelector.of("milvus", "other")))
        .isEmpty();
  }
}
