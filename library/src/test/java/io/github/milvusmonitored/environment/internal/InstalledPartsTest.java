package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.stack.RunOwnership;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class InstalledPartsTest {

  private static final RunOwnership RUN = new RunOwnership("run-1");

  KubernetesClient client;

  @Test
  void removes_only_what_was_recorded_newest_first() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("users-own").endMetadata().build())
        .create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(RUN.labels())
                .endMetadata()
                .build())
        .create();
    InstalledParts parts = new InstalledParts();
    parts.namespaceCreated(client, "milvus", RUN);

    parts.removeAll();

    assertThat(client.namespaces().withName("milvus").get()).isNull();
    assertThat(client.namespaces().withName("users-own").get()).isNotNull();
    assertThat(parts.isEmpty()).isTrue();
  }

  @Test
  void deletes_the_claims_the_releases_stateful_sets_made_and_only_those() {
    claim("data-my-release-etcd-1", Map.of("app.kubernetes.io/instance", "my-release"));
    claim("users-claim", Map.of());
    claim("data-other-etcd-0", Map.of("app.kubernetes.io/instance", "other"));
    InstalledParts parts = new InstalledParts();
    parts.releaseClaimsCreated(
        client,
        "milvus",
        "my-release",
        InstalledParts.releaseClaims(client, "milvus", "my-release"));
    claim(
        "data-my-release-etcd-0",
        Map.of("app.kubernetes.io/instance", "my-release", "app.kubernetes.io/name", "etcd"));

    parts.removeAll();

    assertThat(client.persistentVolumeClaims().inNamespace("milvus").list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("data-my-release-etcd-1", "users-claim", "data-other-etcd-0");
  }

  private void claim(String name, Map<String, String> labels) {
    client
        .persistentVolumeClaims()
        .inNamespace("milvus")
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  @Test
  void keep_all_forgets_and_removes_nothing() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(RUN.labels())
                .endMetadata()
                .build())
        .create();
    InstalledParts parts = new InstalledParts();
    parts.namespaceCreated(client, "milvus", RUN);

    parts.keepAll();
    parts.removeAll();

    assertThat(client.namespaces().withName("milvus").get()).isNotNull();
  }

  @Test
  void a_recorded_namespace_that_no_longer_carries_the_run_id_is_left() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("milvus")
                .withLabels(new RunOwnership("another-run").labels())
                .endMetadata()
                .build())
        .create();
    InstalledParts parts = new InstalledParts();
    parts.namespaceCreated(client, "milvus", RUN);

    parts.removeAll();

    assertThat(client.namespaces().withName("milvus").get()).isNotNull();
  }

  @Test
  void a_stack_is_absent_on_an_empty_cluster() {
    StackState state = StackState.detect(client);
    assertThat(state.isPresent()).isFalse();
    assertThat(state.isHealthy()).isFalse();
  }
}
