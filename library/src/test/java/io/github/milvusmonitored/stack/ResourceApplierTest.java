package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.internal.ResourceSteps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class ResourceApplierTest {

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void server_side_apply_patches_with_field_manager_and_never_forces() throws InterruptedException {
    ServiceAccount account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("prometheus-k8s")
            .withNamespace("monitoring")
            .endMetadata()
            .build();
    server
        .expect()
        .patch()
        .withPath(
            "/api/v1/namespaces/monitoring/serviceaccounts/prometheus-k8s?fieldManager=milvus-monitored")
        .andReturn(200, account)
        .once();

    ResourceApplier.SERVER_SIDE.apply(client, account);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getPath()).doesNotContain("force");
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getBody().readUtf8()).contains("prometheus-k8s");
    assertThat(ResourceApplier.SERVER_SIDE.verb()).isEqualTo("patch");
    assertThat(ResourceApplier.SERVER_SIDE).hasToString("SERVER_SIDE");
  }

  @Test
  void a_field_owned_by_another_manager_is_reported_with_that_manager_not_taken_over() {
    ServiceAccount account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("prometheus-k8s")
            .withNamespace("monitoring")
            .endMetadata()
            .build();
    server
        .expect()
        .patch()
        .withPath(
            "/api/v1/namespaces/monitoring/serviceaccounts/prometheus-k8s?fieldManager=milvus-monitored")
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage(
                    "Apply failed with 1 conflict: conflict with \"helm\" using v1: .metadata.labels.app")
                .withNewDetails()
                .addNewCause()
                .withReason("FieldManagerConflict")
                .withField(".metadata.labels.app")
                .withMessage("conflict with \"helm\" using v1")
                .endCause()
                .endDetails()
                .build())
        .once();

    assertThatThrownBy(
            () ->
                ResourceSteps.apply(
                    client,
                    ResourceApplier.SERVER_SIDE,
                    ApplyReport.Phase.STACK,
                    new ResourceSteps.Item("manifests/prometheus-serviceAccount.yaml", account),
                    KubeRetry.Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessage(
            "Server-side apply of ServiceAccount 'prometheus-k8s' from manifests/prometheus-serviceAccount.yaml"
                + " conflicts with fields another field manager owns: .metadata.labels.app (conflict with \"helm\" using v1)."
                + " milvus-monitored never force-applies over what another tool manages. Likely cause: another Prometheus"
                + " stack or a Helm release installed this object. What to do: run on a dedicated cluster (the default"
                + " k3s), or remove that tool's object if it is a leftover; an administrator who wants to take it over"
                + " can run:\n  kubectl apply --server-side --force-conflicts -f manifests/prometheus-serviceAccount.yaml");
  }

  @Test
  void installer_applies_setup_server_side_by_default() throws InterruptedException {
    KubePrometheusInstaller installer = KubePrometheusInstaller.create(client, Fixture.manifests());
    List<String> paths =
        List.of(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/alertmanagers.monitoring.coreos.com",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/prometheuses.monitoring.coreos.com",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/servicemonitors.monitoring.coreos.com",
            "/api/v1/namespaces/monitoring");
    for (String path : paths) {
      server
          .expect()
          .patch()
          .withPath(path + "?fieldManager=milvus-monitored")
          .andReturn(
              200, new NamespaceBuilder().withNewMetadata().withName("x").endMetadata().build())
          .once();
    }
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments")
        .andReturn(200, new io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder().build())
        .once();

    ApplyReport report = installer.applySetup();

    assertThat(report.entries()).hasSize(4);
    List<RecordedRequest> patches = new java.util.ArrayList<>();
    for (RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        r != null;
        r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if (r.getMethod().equals("PATCH")) {
        patches.add(r);
      }
    }
    // The CRDs go together (any order among them), then the namespace.
    assertThat(patches)
        .extracting(RecordedRequest::getPath)
        .containsExactlyInAnyOrderElementsOf(
            paths.stream().map(p -> p + "?fieldManager=milvus-monitored").toList())
        .last()
        .isEqualTo("/api/v1/namespaces/monitoring?fieldManager=milvus-monitored");
    assertThat(patches)
        .allSatisfy(
            r -> {
              assertThat(r.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
              assertThat(r.getBody().readUtf8())
                  .contains(
                      "\"labels\":{\"app.kubernetes.io/managed-by\":\"milvus-monitored\","
                          + "\"milvusmonitored.github.io/run-id\":\""
                          + installer.run().runId()
                          + "\"}");
            });
  }
}
