package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class HelmReleaseRecordsTest {

  KubernetesClient client;

  /** A release record as Helm 3's secrets driver stores it. */
  static Secret record(String name, int version, String status) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("status", status);
    info.put("description", "Upgrade in progress");
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("name", name);
    release.put("version", version);
    release.put("info", info);
    return new SecretBuilder()
        .withNewMetadata()
        .withName("sh.helm.release.v1." + name + ".v" + version)
        .withNamespace("milvus")
        .addToLabels(
            Map.of(
                "owner",
                "helm",
                "name",
                name,
                "status",
                status,
                "version",
                String.valueOf(version)))
        .endMetadata()
        .withType("helm.sh/release.v1")
        .addToData("release", HelmReleaseRecords.encode(release))
        .build();
  }

  @Test
  void the_latest_revision_is_the_highest_version_of_that_release() {
    client.secrets().inNamespace("milvus").resource(record("my-release", 1, "superseded")).create();
    client.secrets().inNamespace("milvus").resource(record("my-release", 10, "deployed")).create();
    client.secrets().inNamespace("milvus").resource(record("my-release", 2, "superseded")).create();
    client
        .secrets()
        .inNamespace("milvus")
        .resource(record("other", 11, "pending-install"))
        .create();

    assertThat(HelmReleaseRecords.latest(client, "milvus", "my-release"))
        .hasValue(
            new HelmReleaseRecords.Revision(
                "my-release", "milvus", 10, "deployed", "sh.helm.release.v1.my-release.v10"));
    assertThat(HelmReleaseRecords.latest(client, "milvus", "absent")).isEmpty();
    assertThat(HelmReleaseRecords.latest(client, "milvus", "other").orElseThrow().pending())
        .isTrue();
  }

  @Test
  void a_pending_upgrade_is_marked_failed_in_the_label_and_in_the_record_itself() {
    client
        .secrets()
        .inNamespace("milvus")
        .resource(record("my-release", 4, "pending-upgrade"))
        .create();
    HelmReleaseRecords.Revision pending =
        HelmReleaseRecords.latest(client, "milvus", "my-release").orElseThrow();

    HelmReleaseRecords.markFailed(client, pending, "interrupted");

    Secret stored =
        client.secrets().inNamespace("milvus").withName("sh.helm.release.v1.my-release.v4").get();
    assertThat(stored.getMetadata().getLabels())
        .containsEntry("status", "failed")
        .containsEntry("version", "4");
    Map<String, Object> release = HelmReleaseRecords.decode(stored.getData().get("release"));
    assertThat(release).containsEntry("name", "my-release").containsEntry("version", 4);
    assertThat(release.get("info"))
        .isEqualTo(Map.of("status", "failed", "description", "interrupted"));
  }
}
