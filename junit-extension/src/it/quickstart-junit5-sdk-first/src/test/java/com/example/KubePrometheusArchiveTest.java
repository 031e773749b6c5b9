package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads a kube-prometheus-shaped tar.gz through the library, on this project's class path: the tar
 * reader needs commons-lang3 3.18 and milvus-sdk-java brings 3.12 (NoClassDefFoundError otherwise).
 */
class KubePrometheusArchiveTest {

  @Test
  void reads_and_verifies_a_tag_archive_with_this_projects_dependencies() throws Exception {
    Path archive = Path.of(getClass().getResource("/kube-prometheus-sample.tar.gz").toURI());
    String sums = Files.readString(Path.of(getClass().getResource("/kube-prometheus-sample.sha256").toURI()));

    KubePrometheusManifests manifests = KubePrometheusManifests.builder()
        .withSource(ManifestSource.archive(archive))
        .withChecksums(ManifestChecksums.parse("sample", sums))
        .load();

    assertThat(manifests.files()).extracting(ManifestFile::path)
        .containsExactlyInAnyOrder("manifests/setup/namespace.yaml", "manifests/prometheus-serviceAccount.yaml");
  }
}
