package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackProfileTest {

  private static final List<String> ALL =
      List.copyOf(ManifestChecksums.forVersion("v0.18.0").sha256ByPath().keySet());

  @Test
  void parses_profile_names_case_insensitively() {
    assertThat(StackProfile.parse("minimal")).isEqualTo(StackProfile.MINIMAL);
    assertThat(StackProfile.parse(" Full ")).isEqualTo(StackProfile.FULL);
  }

  @Test
  void refuses_an_unknown_profile_listing_the_valid_ones() {
    assertThatThrownBy(() -> StackProfile.parse("tiny"))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessage(
            "Unknown kube-prometheus profile 'tiny'; valid (case-insensitive): [minimal, full].");
  }

  @Test
  void minimal_keeps_setup_the_operator_and_prometheus_without_policies_budgets_and_rules() {
    List<String> kept =
        ALL.stream()
            .filter(StackProfile.MINIMAL::keeps)
            .map(p -> p.substring("manifests/".length()))
            .toList();

    assertThat(kept).filteredOn(p -> p.startsWith("setup/")).hasSize(11);
    assertThat(kept)
        .filteredOn(p -> !p.startsWith("setup/"))
        .containsExactly(
            "prometheus-clusterRole.yaml",
            "prometheus-clusterRoleBinding.yaml",
            "prometheus-prometheus.yaml",
            "prometheus-roleBindingConfig.yaml",
            "prometheus-roleBindingSpecificNamespaces.yaml",
            "prometheus-roleConfig.yaml",
            "prometheus-roleSpecificNamespaces.yaml",
            "prometheus-service.yaml",
            "prometheus-serviceAccount.yaml",
            "prometheus-serviceMonitor.yaml",
            "prometheusOperator-clusterRole.yaml",
            "prometheusOperator-clusterRoleBinding.yaml",
            "prometheusOperator-deployment.yaml",
            "prometheusOperator-service.yaml",
            "prometheusOperator-serviceAccount.yaml",
            "prometheusOperator-serviceMonitor.yaml");
    assertThat(kept)
        .noneMatch(
            p ->
                p.startsWith("prometheusAdapter-")
                    || p.startsWith("alertmanager-")
                    || p.startsWith("grafana-")
                    || p.startsWith("nodeExporter-")
                    || p.startsWith("kubeStateMetrics-")
                    || p.startsWith("blackboxExporter-")
                    || p.startsWith("kubernetesControlPlane-")
                    || p.startsWith("kubePrometheus-"));
  }

  @Test
  void full_keeps_all_95_files() {
    assertThat(ALL).hasSize(95).allMatch(StackProfile.FULL::keeps);
  }

  @Test
  void minimal_runs_one_prometheus_replica_without_alerting() {
    HasMetadata prepared = StackProfile.MINIMAL.prepare(upstreamPrometheus());

    assertThat(prepared).isInstanceOf(Prometheus.class);
    Prometheus prometheus = (Prometheus) prepared;
    assertThat(prometheus.getSpec().getReplicas()).isEqualTo(1);
    assertThat(prometheus.getSpec().getAlerting()).isNull();
    assertThat(prometheus.getSpec().getServiceDiscoveryRole()).isEqualTo("EndpointSlice");
    assertThat(prometheus.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/version", "3.12.0");
  }

  @Test
  void full_leaves_the_prometheus_as_published() {
    Prometheus prometheus = (Prometheus) StackProfile.FULL.prepare(upstreamPrometheus());

    assertThat(prometheus.getSpec().getReplicas()).isEqualTo(2);
    assertThat(prometheus.getSpec().getAlerting().getAlertmanagers())
        .singleElement()
        .satisfies(am -> assertThat(am.getName()).isEqualTo("alertmanager-main"));
  }

  private static HasMetadata upstreamPrometheus() {
    ManifestFile file =
        Fixture.manifests().files().stream()
            .filter(f -> f.path().equals("manifests/prometheus-prometheus.yaml"))
            .findFirst()
            .orElseThrow();
    return KubePrometheusManifests.resources(file, StackProfile.FULL).get(0);
  }
}
