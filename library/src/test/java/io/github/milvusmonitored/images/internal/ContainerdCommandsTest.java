package io.github.milvusmonitored.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerdCommandsTest {

  @Test
  void parses_ctr_listing_skipping_digests_and_names_that_are_no_references() {
    String stdout =
        """
        docker.io/rancher/mirrored-pause:3.6
        docker.io/rancher/mirrored-coredns-coredns@sha256:%s
        sha256:%s
        quay.io/prometheus/prometheus:v3.12.0

        import-2026-01-01/Bad Name
        """
            .formatted("b".repeat(64), "c".repeat(64));

    assertThat(ContainerdCommands.parseImageList(stdout))
        .containsExactly(
            "docker.io/rancher/mirrored-coredns-coredns@sha256:" + "b".repeat(64),
            "docker.io/rancher/mirrored-pause:3.6",
            "quay.io/prometheus/prometheus:v3.12.0");
  }

  @Test
  void builds_the_kubelet_namespace_commands() {
    assertThat(ContainerdCommands.listImages())
        .containsExactly("ctr", "-n", "k8s.io", "images", "ls", "-q");
    assertThat(ContainerdCommands.importArchive("/tmp/a.tar"))
        .containsExactly("ctr", "-n", "k8s.io", "images", "import", "/tmp/a.tar");
    assertThat(ContainerdCommands.archivePath("quay.io/prometheus/prometheus:v3.12.0@sha256:ab"))
        .isEqualTo("/tmp/milvus-monitored-quay.io_prometheus_prometheus_v3.12.0_sha256_ab.tar");
  }
}
