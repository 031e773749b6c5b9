package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PrometheusConfigRefreshTest {

  KubernetesClient client;

  @Test
  void changes_the_annotation_of_the_prometheus_pods_only() {
    create("prometheus-k8s-0", "k8s");
    create("prometheus-other-0", "other");
    PrometheusConfigRefresh refresh = PrometheusConfigRefresh.start(client, "monitoring", "k8s");
    refresh.close();

    refresh.refreshNow();
    refresh.refreshNow();

    assertThat(
            client
                .pods()
                .inNamespace("monitoring")
                .withName("prometheus-k8s-0")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry(PrometheusConfigRefresh.ANNOTATION, "2")
        .containsEntry("kept", "yes");
    assertThat(
            client
                .pods()
                .inNamespace("monitoring")
                .withName("prometheus-other-0")
                .get()
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey(PrometheusConfigRefresh.ANNOTATION);
  }

  @Test
  void a_cluster_that_refuses_is_tried_again_later_without_failing() {
    PrometheusConfigRefresh refresh = PrometheusConfigRefresh.start(client, "monitoring", "k8s");
    refresh.close();
    client.close();

    refresh.refreshNow();
  }

  private void create(String name, String prometheus) {
    client
        .pods()
        .inNamespace("monitoring")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("operator.prometheus.io/name", prometheus)
                .addToAnnotations("kept", "yes")
                .endMetadata()
                .build())
        .create();
  }
}
