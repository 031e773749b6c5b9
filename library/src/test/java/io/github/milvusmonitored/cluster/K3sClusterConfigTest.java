package io.github.milvusmonitored.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class K3sClusterConfigTest {

  @Test
  void defaults_pin_a_k3s_inside_kube_prometheus_supported_range() {
    K3sClusterConfig config = K3sClusterConfig.defaults();
    assertThat(config.image()).isEqualTo("rancher/k3s:v1.35.0-k3s1");
    assertThat(config.reuse()).isFalse();
  }

  @Test
  void server_arguments_disable_traefik_and_the_conflicting_metrics_server_and_allow_cgroup_v1() {
    assertThat(K3sClusterConfig.defaults().serverArguments("localhost"))
        .containsExactly(
            "server",
            "--disable=traefik,metrics-server",
            "--tls-san=localhost",
            "--kubelet-arg=fail-cgroupv1=false");
  }

  @Test
  void passes_the_cgroup_v1_kubelet_flag_only_to_images_whose_kubelet_knows_it() {
    assertThat(
            K3sClusterConfig.defaults().withImage("rancher/k3s:v1.36.1-k3s1").serverArguments("h"))
        .contains("--kubelet-arg=fail-cgroupv1=false");
    assertThat(
            K3sClusterConfig.defaults()
                .withImage("registry.example.com:5000/rancher/k3s:v1.31.0-k3s1")
                .serverArguments("h"))
        .contains("--kubelet-arg=fail-cgroupv1=false");
    assertThat(
            K3sClusterConfig.defaults().withImage("rancher/k3s:v1.30.4-k3s1").serverArguments("h"))
        .doesNotContain("--kubelet-arg=fail-cgroupv1=false");
    assertThat(
            K3sClusterConfig.defaults()
                .withImage("rancher/k3s@sha256:" + "a".repeat(64))
                .serverArguments("h"))
        .contains("--kubelet-arg=fail-cgroupv1=false");
  }

  @Test
  void accepts_mirrored_images_and_refuses_other_images() {
    assertThat(
            K3sClusterConfig.defaults()
                .withImage("registry.example.com:5000/rancher/k3s:v1.36.1-k3s1")
                .image())
        .startsWith("registry.example.com");
    assertThatThrownBy(() -> K3sClusterConfig.defaults().withImage("nginx:latest"))
        .hasMessageContaining(
            "must be a rancher/k3s image reference such as rancher/k3s:v1.35.0-k3s1")
        .hasMessageContaining("'nginx:latest'");
    assertThatThrownBy(() -> K3sClusterConfig.defaults().withStartupTimeout(Duration.ZERO))
        .hasMessageContaining("must be positive");
  }

  @Test
  void holds_registries_file_and_image_archives_that_k3s_reads_at_start(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path archive =
        java.nio.file.Files.writeString(dir.resolve("k3s-airgap-images-amd64.tar.zst"), "x");

    K3sClusterConfig config =
        K3sClusterConfig.defaults()
            .withRegistriesYaml("mirrors: {}\n")
            .withImageArchives(archive)
            .withReuse(true);

    assertThat(config.registriesYaml()).isEqualTo("mirrors: {}\n");
    assertThat(config.imageArchives()).containsExactly(archive);
    assertThat(K3sClusterConfig.defaults().registriesYaml()).isNull();
    assertThat(K3sClusterConfig.defaults().imageArchives()).isEmpty();
  }

  @Test
  void refuses_image_archives_k3s_would_not_import(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path text = java.nio.file.Files.writeString(dir.resolve("images.txt"), "x");

    assertThatThrownBy(() -> K3sClusterConfig.defaults().withImageArchives(text))
        .hasMessageContaining(
            "images.txt is not an existing file ending in one of [.tar, .tar.gz, .tgz, .tar.zst")
        .hasMessageContaining("docker save -o images.tar");
    assertThatThrownBy(
            () -> K3sClusterConfig.defaults().withImageArchives(dir.resolve("missing.tar")))
        .hasMessageContaining("missing.tar is not an existing file");
  }
}
