package io.github.milvusmonitored.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.ManifestFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  @Test
  void reads_every_document_of_a_multi_document_file_skipping_empty_ones() {
    String yaml =
        "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: monitoring\n"
            + "---\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: b\nrules: []\n---\n";

    assertThat(ManifestParser.parse(file("manifests/x.yaml", yaml)))
        .extracting(HasMetadata::getKind, r -> r.getMetadata().getName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ServiceAccount", "a"),
            org.assertj.core.groups.Tuple.tuple("ClusterRole", "b"));
  }

  @Test
  void names_the_file_that_is_not_kubernetes_yaml() {
    assertThatThrownBy(
            () -> ManifestParser.parse(file("manifests/broken.yaml", "kind: [unclosed\n")))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith("Cannot parse manifest manifests/broken.yaml as Kubernetes YAML: ");
  }

  @Test
  void maps_archive_entries_to_checksum_list_paths() {
    assertThat(
            ManifestTreeReader.manifestKey("kube-prometheus-0.18.0/manifests/setup/namespace.yaml"))
        .isEqualTo("manifests/setup/namespace.yaml");
    assertThat(ManifestTreeReader.manifestKey("./manifests/grafana-config.yaml"))
        .isEqualTo("manifests/grafana-config.yaml");
    assertThat(ManifestTreeReader.manifestKey("kube-prometheus-0.18.0/examples/manifests/a.yaml"))
        .isNull();
    assertThat(
            ManifestTreeReader.manifestKey(
                "kube-prometheus-0.18.0/jsonnet/kube-prometheus/main.libsonnet"))
        .isNull();
    assertThat(ManifestTreeReader.manifestKey("kube-prometheus-0.18.0/manifests/.hidden")).isNull();
  }

  private static ManifestFile file(String path, String yaml) {
    return new ManifestFile(path, yaml.getBytes(StandardCharsets.UTF_8));
  }
}
