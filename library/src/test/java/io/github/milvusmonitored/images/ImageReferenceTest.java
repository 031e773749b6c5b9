package io.github.milvusmonitored.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io/library/busybox:latest",
    "busybox:1.37, docker.io/library/busybox:1.37",
    "milvusdb/milvus:v2.6.15, docker.io/milvusdb/milvus:v2.6.15",
    "docker.io/busybox:1, docker.io/library/busybox:1",
    "index.docker.io/milvusdb/etcd:3.5.18-r1, docker.io/milvusdb/etcd:3.5.18-r1",
    "quay.io/prometheus/prometheus:v3.12.0, quay.io/prometheus/prometheus:v3.12.0",
    "localhost/app, localhost/app:latest",
    "localhost:5000/team/app:1.0, localhost:5000/team/app:1.0",
    "registry.example.com:5000/app, registry.example.com:5000/app:latest",
  })
  void normalizes_like_docker(String given, String expected) {
    assertThat(ImageReference.normalize(given)).isEqualTo(expected);
  }

  @Test
  void keeps_digest_and_tag_and_adds_no_latest_to_a_digest() {
    String digest = "sha256:" + "a".repeat(64);
    assertThat(ImageReference.normalize("nginx@" + digest))
        .isEqualTo("docker.io/library/nginx@" + digest);
    ImageReference both = ImageReference.parse("quay.io/a/b:v1@" + digest);
    assertThat(both.tag()).isEqualTo("v1");
    assertThat(both.digest()).isEqualTo(digest);
    assertThat(both.name()).isEqualTo("quay.io/a/b");
  }

  @Test
  void splits_registry_repository_and_tag() {
    ImageReference reference = ImageReference.parse("rancher/k3s:v1.35.0-k3s1");
    assertThat(reference.registry()).isEqualTo("docker.io");
    assertThat(reference.repository()).isEqualTo("rancher/k3s");
    assertThat(reference.tag()).isEqualTo("v1.35.0-k3s1");
  }

  @Test
  void refuses_malformed_references_saying_which_part_is_wrong() {
    assertThatThrownBy(() -> ImageReference.parse("my_registry.com/app:1"))
        .hasMessageContaining(
            "Image reference 'my_registry.com/app:1' is not valid: the registry"
                + " 'my_registry.com' is not a host[:port]");
    assertThatThrownBy(() -> ImageReference.parse("milvus/Milvus:v2"))
        .hasMessageContaining("the repository 'milvus/Milvus' must be lower-case");
    assertThatThrownBy(() -> ImageReference.parse("milvus:"))
        .hasMessageContaining("the tag '' is not valid");
    assertThatThrownBy(() -> ImageReference.parse("milvus@sha256:xyz"))
        .hasMessageContaining("the digest is not <algorithm>:<hex>");
    assertThatThrownBy(() -> ImageReference.parse(" milvus"))
        .hasMessageContaining("it is empty or has spaces")
        .hasMessageContaining("e.g. milvusdb/milvus:v2.6.15");
  }
}
