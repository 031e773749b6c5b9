package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestChecksumsTest {

  @Test
  void shipped_v0_18_0_list_has_95_files_11_of_them_in_setup() {
    ManifestChecksums list = ManifestChecksums.forVersion("v0.18.0");

    assertThat(list.version()).isEqualTo("v0.18.0");
    assertThat(list.sha256ByPath()).hasSize(95);
    assertThat(list.setupPaths())
        .hasSize(11)
        .startsWith("manifests/setup/0alertmanagerConfigCustomResourceDefinition.yaml")
        .endsWith("manifests/setup/namespace.yaml");
    assertThat(list.stackPaths()).hasSize(84).allMatch(p -> p.matches("manifests/[^/]+\\.yaml"));
    assertThat(list.sha256ByPath())
        .containsEntry(
            "manifests/prometheus-prometheus.yaml",
            "661c1e86d16de5be239870e17a53e2629a957f5a70645d6ca0ff75ee8ec41c09");
    assertThat(list.sha256ByPath().values()).allMatch(sum -> sum.matches("[0-9a-f]{64}"));
  }

  @Test
  void refuses_a_version_without_shipped_list_and_names_the_shipped_ones() {
    assertThatThrownBy(() -> ManifestChecksums.forVersion("v0.13.0"))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining(
            "No checksum list ships for kube-prometheus v0.13.0; shipped: [v0.18.0]")
        .hasMessageContaining("ManifestChecksums.parse(version, text)");
  }

  @Test
  void parses_sha256sum_output_ignoring_comments_blank_lines_and_binary_marker() {
    String sum = "a".repeat(64);
    ManifestChecksums list =
        ManifestChecksums.parse(
            "mine",
            "# generated\n\n"
                + sum
                + "  manifests/setup/namespace.yaml\n"
                + "B".repeat(64)
                + " *manifests/x.yaml\r\n");

    assertThat(list.sha256ByPath())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("manifests/setup/namespace.yaml", sum),
            org.assertj.core.api.Assertions.entry("manifests/x.yaml", "b".repeat(64)));
  }

  @Test
  void refuses_a_malformed_line_with_its_number() {
    assertThatThrownBy(
            () ->
                ManifestChecksums.parse(
                    "mine", "a".repeat(64) + "  manifests/a.yaml\nnot-a-sum  manifests/b.yaml"))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining("Checksum list mine, line 2")
        .hasMessageContaining("'not-a-sum  manifests/b.yaml'");
  }

  @Test
  void refuses_a_path_listed_twice() {
    String line = "a".repeat(64) + "  manifests/a.yaml\n";
    assertThatThrownBy(() -> ManifestChecksums.parse("mine", line + line))
        .hasMessageContaining("line 2")
        .hasMessageContaining("repeats a path");
  }
}
