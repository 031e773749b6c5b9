package io.github.milvusmonitored.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.access.ForwardTarget;
import io.github.milvusmonitored.access.PortForwardException;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReadyPodResolverTest {

  KubernetesClient client;

  @Test
  void picks_a_ready_pod_not_the_first_one_and_resolves_the_named_target_port() {
    prometheusService(new IntOrString("web"));
    pod("monitoring", "prometheus-k8s-0", Map.of("app.kubernetes.io/name", "prometheus"), false);
    pod("monitoring", "prometheus-k8s-1", Map.of("app.kubernetes.io/name", "prometheus"), true);
    pod("monitoring", "grafana-0", Map.of("app.kubernetes.io/name", "grafana"), true);

    var resolved = new ReadyPodResolver(client).resolve(ForwardTarget.PROMETHEUS_UI, null);

    assertThat(resolved).isEqualTo(new ReadyPodResolver.Resolved("prometheus-k8s-1", 9090));
  }

  @Test
  void keeps_the_preferred_pod_while_it_is_ready() {
    prometheusService(new IntOrString(9090));
    pod("monitoring", "prometheus-k8s-0", Map.of("app.kubernetes.io/name", "prometheus"), true);
    pod("monitoring", "prometheus-k8s-1", Map.of("app.kubernetes.io/name", "prometheus"), true);

    ReadyPodResolver resolver = new ReadyPodResolver(client);

    assertThat(resolver.resolve(ForwardTarget.PROMETHEUS_UI, "prometheus-k8s-1").pod())
        .isEqualTo("prometheus-k8s-1");
    assertThat(resolver.resolve(ForwardTarget.PROMETHEUS_UI, "prometheus-k8s-7").pod())
        .isEqualTo("prometheus-k8s-0");
  }

  @Test
  void names_the_unready_pods_when_none_is_ready() {
    prometheusService(new IntOrString("web"));
    pod("monitoring", "prometheus-k8s-0", Map.of("app.kubernetes.io/name", "prometheus"), false);

    assertThatThrownBy(
            () -> new ReadyPodResolver(client).resolve(ForwardTarget.PROMETHEUS_UI, null))
        .isInstanceOf(PortForwardException.class)
        .hasMessage(
            "Cannot port-forward to monitoring/svc/prometheus-k8s:9090: no Ready pod matches the Service's"
                + " selector app.kubernetes.io/name=prometheus; pods: prometheus-k8s-0 (Running, not Ready). Wait until"
                + " the pod is Ready; kubectl -n monitoring describe pod shows why it is not.");
  }

  @Test
  void says_which_service_is_missing() {
    assertThatThrownBy(
            () ->
                new ReadyPodResolver(client)
                    .resolve(ForwardTarget.milvus("milvus", "my-release-milvus"), null))
        .isInstanceOf(PortForwardException.class)
        .hasMessage(
            "Cannot port-forward to milvus/svc/my-release-milvus:19530: Service 'my-release-milvus' does not"
                + " exist in namespace 'milvus'. Check that the stack or release is installed (kubectl -n milvus get svc).");
  }

  @Test
  void refuses_a_port_the_service_does_not_have() {
    prometheusService(new IntOrString("web"));

    assertThatThrownBy(
            () ->
                new ReadyPodResolver(client)
                    .resolve(ForwardTarget.of("monitoring", "prometheus-k8s", 8080), null))
        .isInstanceOf(PortForwardException.class)
        .hasMessage(
            "Cannot port-forward to monitoring/svc/prometheus-k8s:8080: the Service has no port 8080 (its"
                + " ports: [9090]). Use one of the Service's ports, not a container port.");
  }

  private void prometheusService(IntOrString targetPort) {
    client
        .services()
        .inNamespace("monitoring")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("prometheus-k8s")
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app.kubernetes.io/name", "prometheus"))
                .addNewPort()
                .withName("web")
                .withPort(9090)
                .withTargetPort(targetPort)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  void pod(String ns, String name, Map<String, String> labels, boolean ready) {
    client
        .pods()
        .inNamespace(ns)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("img")
                .addNewPort()
                .withName("web")
                .withContainerPort(9090)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }
}
