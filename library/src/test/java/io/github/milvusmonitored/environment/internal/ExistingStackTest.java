package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.stack.KubePrometheusException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Choosing the existing stack's Prometheus for the Milvus ServiceMonitor, and refusing, word for
 * word.
 */
@EnableKubernetesMockClient(crud = true)
class ExistingStackTest {

  KubernetesClient client;

  private static final Map<String, String> MONITOR = Map.of("app.kubernetes.io/name", "milvus");
  private static final Map<String, String> NAMESPACE =
      Map.of("kubernetes.io/metadata.name", "milvus");

  private void operator(int ready) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("kps-operator")
            .withNamespace("monitoring")
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("kps")
            .withImage("quay.io/prometheus-operator/prometheus-operator:v0.92.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .withReadyReplicas(ready)
            .endStatus()
            .build();
    client.apps().deployments().inNamespace("monitoring").resource(d).create();
  }

  private void prometheus(String namespace, String name, Map<String, Object> spec) {
    GenericKubernetesResource p =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("Prometheus")
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client
        .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
        .inNamespace(namespace)
        .resource(p)
        .create();
    client
        .services()
        .inNamespace(namespace)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("10.0.0.1")
                .withSelector(
                    Map.of(
                        "app.kubernetes.io/name",
                        "prometheus",
                        "operator.prometheus.io/name",
                        name))
                .addNewPort()
                .withName("http-web")
                .withPort(9090)
                .withNewTargetPort(9090)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private ChosenPrometheus choose() {
    return ExistingStack.find(client)
        .choose(client, "milvus/my-release-milvus-standalone", "milvus", NAMESPACE, MONITOR);
  }

  @Test
  void gives_the_service_monitor_the_release_label_the_only_prometheus_selects() {
    operator(1);
    prometheus(
        "monitoring",
        "kps-prometheus",
        Map.of(
            "serviceAccountName",
            "kps-prometheus",
            "serviceMonitorSelector",
            Map.of("matchLabels", Map.of("release", "kps")),
            "serviceMonitorNamespaceSelector",
            Map.of()));

    ChosenPrometheus chosen = choose();

    assertThat(chosen)
        .isEqualTo(
            new ChosenPrometheus(
                "monitoring",
                "kps-prometheus",
                "kps-prometheus",
                "kps-prometheus",
                "http-web",
                9090,
                Map.of("release", "kps"),
                false));
  }

  @Test
  void of_several_selecting_prometheuses_uses_the_first_by_namespace_and_name() {
    operator(1);
    prometheus(
        "monitoring",
        "zeta",
        Map.of("serviceMonitorSelector", Map.of(), "serviceMonitorNamespaceSelector", Map.of()));
    prometheus(
        "monitoring",
        "alpha",
        Map.of("serviceMonitorSelector", Map.of(), "serviceMonitorNamespaceSelector", Map.of()));

    assertThat(choose().name()).isEqualTo("alpha");
    assertThat(choose().monitorLabels()).isEmpty();
    assertThat(
            ExistingStackTexts.several(
                List.of("monitoring/alpha", "monitoring/zeta"), "monitoring/alpha"))
        .isEqualTo(
            "Prometheus resources [monitoring/alpha, monitoring/zeta] all select the Milvus ServiceMonitor;"
                + " using monitoring/alpha, the first by namespace and name (its targets, rules and alerts are the ones"
                + " the client reads)");
  }

  @Test
  void refuses_a_stack_whose_operator_is_not_running() {
    operator(0);
    prometheus("monitoring", "kps-prometheus", Map.of("serviceMonitorSelector", Map.of()));

    assertThatThrownBy(this::choose)
        .isInstanceOf(KubePrometheusException.class)
        .hasMessage(
            "The existing stack's Prometheus operator is not running: monitoring/kps-operator (0 of 1 ready)."
                + " Without it no ServiceMonitor becomes a scrape job for Prometheus monitoring/kps-prometheus (setting"
                + " stack=existing: @MilvusMonitored(stack = \"existing\"), system property milvus.monitored.stack,"
                + " EnvironmentConfig.withStack(StackMode.EXISTING)). Nothing was changed. Check the operator's pods"
                + " (kubectl get pods -A -l app.kubernetes.io/name=prometheus-operator; with kube-prometheus-stack also -l"
                + " app=kube-prometheus-stack-operator) and their events.");
  }

  @Test
  void refuses_when_labels_on_the_service_monitor_cannot_help() {
    operator(1);
    prometheus("other", "own", Map.of("serviceMonitorSelector", Map.of()));

    assertThatThrownBy(this::choose)
        .isInstanceOf(KubePrometheusException.class)
        .hasMessage(
            "No Prometheus resource of the existing stack would select the Milvus ServiceMonitor"
                + " milvus/my-release-milvus-standalone (labels {app.kubernetes.io/name=milvus}, namespace labels"
                + " {kubernetes.io/metadata.name=milvus}) (setting stack=existing: @MilvusMonitored(stack = \"existing\"),"
                + " system property milvus.monitored.stack, EnvironmentConfig.withStack(StackMode.EXISTING)), and labels"
                + " on the ServiceMonitor alone cannot fix it. Prometheus other/own: serviceMonitorNamespaceSelector is"
                + " unset, so it selects ServiceMonitors in its own namespace 'other' only, not in 'milvus'; fix: its owner"
                + " sets serviceMonitorNamespaceSelector: {} (or one matching namespace 'milvus'). Nothing was changed.");
  }
}
