package io.github.milvusmonitored.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreloadPlanTest {

  @Test
  void skips_images_in_k3s_loads_those_on_the_host_and_pulls_the_rest() {
    PreloadPlan plan =
        PreloadPlan.of(
            List.of(
                "milvusdb/milvus:v2.6.15", "quay.io/prometheus/prometheus:v3.12.0", "busybox:1.37"),
            List.of("docker.io/library/busybox:1.37"),
            List.of("milvusdb/milvus:v2.6.15", "docker.io/library/busybox:1.37"));

    assertThat(plan.steps())
        .containsExactly(
            new PreloadStep("docker.io/library/busybox:1.37", PreloadAction.SKIP_PRESENT),
            new PreloadStep("docker.io/milvusdb/milvus:v2.6.15", PreloadAction.LOAD_FROM_HOST),
            new PreloadStep("quay.io/prometheus/prometheus:v3.12.0", PreloadAction.PULL));
    assertThat(plan.imagesWith(PreloadAction.PULL))
        .containsExactly("quay.io/prometheus/prometheus:v3.12.0");
  }

  @Test
  void matches_references_after_normalising_both_sides() {
    PreloadPlan plan =
        PreloadPlan.of(
            List.of("docker.io/library/nginx:latest", "index.docker.io/milvusdb/etcd:3.5.18-r1"),
            List.of("nginx"),
            List.of("milvusdb/etcd:3.5.18-r1"));

    assertThat(plan.imagesWith(PreloadAction.SKIP_PRESENT))
        .containsExactly("docker.io/library/nginx:latest");
    assertThat(plan.imagesWith(PreloadAction.LOAD_FROM_HOST))
        .containsExactly("docker.io/milvusdb/etcd:3.5.18-r1");
  }

  @Test
  void a_different_tag_is_a_different_image() {
    PreloadPlan plan =
        PreloadPlan.of(
            List.of("milvusdb/milvus:v2.6.16"),
            List.of("milvusdb/milvus:v2.6.15"),
            List.of("milvusdb/milvus:latest"));

    assertThat(plan.imagesWith(PreloadAction.PULL))
        .containsExactly("docker.io/milvusdb/milvus:v2.6.16");
  }

  @Test
  void lists_each_required_image_once_and_prints_action_then_image() {
    PreloadPlan plan = PreloadPlan.of(List.of("busybox", "busybox:latest"), List.of(), List.of());

    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.format())
        .isEqualTo("PULL           docker.io/library/busybox:latest" + System.lineSeparator());
    assertThat(PreloadPlan.of(List.of(), List.of(), List.of()).format()).isEmpty();
  }

  @Test
  void refuses_a_malformed_required_image() {
    assertThatThrownBy(() -> PreloadPlan.of(List.of("Milvus/Milvus"), List.of(), List.of()))
        .hasMessageContaining("Image reference 'Milvus/Milvus' is not valid");
  }
}
