package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class ResourceApplierTest {

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void server_side_apply_patches_with_field_manager_and_force() throws InterruptedException {
    ServiceAccount account = new ServiceAccountBuilder()
        .withNewMetadata().withName("prometheus-k8s").withNamespace("monitoring").endMetadata().build();
    server.expect().patch()
        .withPath("/api/v1/namespaces/monitoring/serviceaccounts/prometheus-k8s?fieldManager=milvus-monitored&force=true")
        .andReturn(200, account).once();

    ResourceApplier.SERVER_SIDE.apply(client, account);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getBody().readUtf8()).contains("prometheus-k8s");
    assertThat(ResourceApplier.SERVER_SIDE.verb()).isEqualTo("patch");
    assertThat(ResourceApplier.SERVER_SIDE).hasToString("SERVER_SIDE");
  }

  @Test
  void installer_applies_setup_server_side_by_default() throws InterruptedException {
    KubePrometheusInstaller installer = KubePrometheusInstaller.create(client, Fixture.manifests());
    List<String> paths = List.of(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/alertmanagers.monitoring.coreos.com",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/prometheuses.monitoring.coreos.com",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/servicemonitors.monitoring.coreos.com",
        "/api/v1/namespaces/monitoring");
    for (String path : paths) {
      server.expect().patch().withPath(path + "?fieldManager=milvus-monitored&force=true")
          .andReturn(200, new NamespaceBuilder().withNewMetadata().withName("x").endMetadata().build()).once();
    }

    ApplyReport report = installer.applySetup();

    assertThat(report.entries()).hasSize(4);
    for (String path : paths) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getPath()).isEqualTo(path + "?fieldManager=milvus-monitored&force=true");
      assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    }
  }
}
