package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretListBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class MilvusHelmReleaseNamespaceTest {

  KubernetesMockServer server;

  @TempDir Path dir;

  @Test
  void refuses_namespace_that_holds_another_helm_release() throws Exception {
    storeHelmRelease("milvus", "other-db");
    Path kubeconfig =
        MilvusHelmReleaseInstallTest.kubeconfig(dir, server.url("/").replaceAll("/$", ""));

    try (MilvusHelmRelease release = MilvusHelmRelease.create(ChartFixture.config().build())) {
      assertThatThrownBy(() -> release.install(kubeconfig))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessage(
              "Namespace 'milvus' already holds Helm release(s) [other-db], not 'my-release'. Installing"
                  + " next to them could mix two Milvus deployments and their metrics. Use another namespace, or"
                  + " remove them with `helm uninstall <name> -n milvus`.");
    }
  }

  @Test
  void
      chart_that_does_not_render_fails_with_helms_error_and_the_values_before_anything_is_installed()
          throws Exception {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/milvus/secrets?labelSelector=owner%3Dhelm")
        .andReturn(200, new SecretListBuilder().build())
        .withHeader("Content-Type", "application/json")
        .always();
    Path kubeconfig =
        MilvusHelmReleaseInstallTest.kubeconfig(dir, server.url("/").replaceAll("/$", ""));
    MilvusReleaseConfig config =
        ChartFixture.config().withValues(Map.of("minio", Map.of("enabled", false))).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(() -> release.install(kubeconfig))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageStartingWith(
              "Helm could not render chart "
                  + ChartFixture.directory().toAbsolutePath()
                  + " with values file ")
          .hasMessageContaining(
              "<.Values.minio.tls.enabled>: nil pointer evaluating interface {}.enabled")
          .hasMessageContaining("Nothing was installed.")
          .hasMessageContaining("The values given set minio.enabled (their values are not shown");
    }
    assertThat(server.getRequestCount()).as("requests to the API server").isPositive();
    assertThat(requestsOtherThanGet()).as("writes to the API server").isZero();
  }

  private long requestsOtherThanGet() throws Exception {
    long writes = 0;
    for (int i = server.getRequestCount(); i > 0; i--) {
      var request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
      if (request != null && !"GET".equals(request.getMethod())) {
        writes++;
      }
    }
    return writes;
  }

  /**
   * Stores a release the way Helm's secret driver does: gzipped JSON, base64-encoded, in a Secret.
   */
  private void storeHelmRelease(String namespace, String name) throws Exception {
    String json =
        """
        {"name":"%s","namespace":"%s","version":1,
         "info":{"status":"deployed","first_deployed":"2026-01-01T00:00:00Z","last_deployed":"2026-01-01T00:00:00Z"},
         "chart":{"metadata":{"name":"postgresql","version":"1.0.0","appVersion":"16"}}}
        """
            .formatted(name, namespace);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    String release = Base64.getEncoder().encodeToString(gzipped.toByteArray());
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("sh.helm.release.v1." + name + ".v1")
            .withNamespace(namespace)
            .withLabels(Map.of("owner", "helm", "name", name, "status", "deployed", "version", "1"))
            .endMetadata()
            .withType("helm.sh/release.v1")
            .withData(
                Map.of(
                    "release",
                    Base64.getEncoder().encodeToString(release.getBytes(StandardCharsets.UTF_8))))
            .build();
    // Helm's client asks for protobuf first; the mock server must say that it answers JSON.
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + namespace + "/secrets?labelSelector=owner%3Dhelm")
        .andReturn(200, new SecretListBuilder().withItems(secret).build())
        .withHeader("Content-Type", "application/json")
        .always();
  }
}
