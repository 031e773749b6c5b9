package io.github.milvusmonitored.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.milvus.MilvusManifests;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.ManifestVerificationException;
import io.github.milvusmonitored.stack.StackProfile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageListTest {

  private static MilvusManifests standalone;
  private static MilvusManifests onePod;
  private static MilvusManifests cluster;
  private static KubePrometheusManifests kubePrometheus;

  @BeforeAll
  static void renderFixtures() {
    standalone = ImageFixtures.render(ImageFixtures.milvus().build());
    onePod =
        ImageFixtures.render(ImageFixtures.milvus().withProfile(MilvusProfile.ONE_POD).build());
    cluster =
        ImageFixtures.render(ImageFixtures.milvus().withProfile(MilvusProfile.CLUSTER).build());
    kubePrometheus = ImageFixtures.kubePrometheus();
  }

  private static ImageList list(MilvusManifests milvus, StackProfile profile) {
    return ImageList.builder()
        .withMilvus(milvus)
        .withKubePrometheus(kubePrometheus, profile)
        .withK3sImage(K3sClusterConfig.DEFAULT_IMAGE)
        .build();
  }

  @Test
  void lists_chart_stack_operator_runtime_and_k3s_images_normalised_and_sorted() {
    assertThat(list(standalone, StackProfile.MINIMAL).names())
        .containsExactly(
            "docker.io/milvusdb/etcd:3.5.25-r1",
            "docker.io/milvusdb/milvus:v2.6.24",
            "docker.io/minio/minio:RELEASE.2024-12-18T13-15-44Z",
            "docker.io/rancher/k3s:v1.35.0-k3s1",
            "quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0",
            "quay.io/prometheus-operator/prometheus-operator:v0.92.0",
            "quay.io/prometheus/prometheus:v3.12.0");
  }

  @Test
  void one_pod_profile_needs_only_the_milvus_image_from_the_chart() {
    assertThat(list(onePod, StackProfile.MINIMAL).names())
        .filteredOn(
            image ->
                image.startsWith("docker.io/milvusdb/") || image.startsWith("docker.io/minio/"))
        .containsExactly("docker.io/milvusdb/milvus:v2.6.24");
  }

  @Test
  void cluster_profile_needs_the_same_three_chart_images_as_standalone_milvus_for_each_component() {
    ImageList list = list(cluster, StackProfile.MINIMAL);
    Map<String, List<String>> neededBy =
        list.images().stream()
            .collect(Collectors.toMap(RequiredImage::image, RequiredImage::neededBy));

    assertThat(list.names()).isEqualTo(list(standalone, StackProfile.MINIMAL).names());
    assertThat(neededBy.get("docker.io/milvusdb/milvus:v2.6.24"))
        .containsExactly(
            "milvus: Deployment milvus/my-release-milvus-datanode (datanode)",
            "milvus: Deployment milvus/my-release-milvus-mixcoord (mixcoord)",
            "milvus: Deployment milvus/my-release-milvus-proxy (proxy)",
            "milvus: Deployment milvus/my-release-milvus-querynode (querynode)",
            "milvus: Deployment milvus/my-release-milvus-streamingnode (streamingnode)");
    assertThat(neededBy.get("docker.io/milvusdb/etcd:3.5.25-r1"))
        .containsExactly("milvus: StatefulSet milvus/my-release-etcd (etcd)");
  }

  @Test
  void full_stack_adds_alertmanager_created_by_the_operator_and_the_exporters() {
    List<String> minimal = list(standalone, StackProfile.MINIMAL).names();
    List<String> full = list(standalone, StackProfile.FULL).names();

    assertThat(full).containsAll(minimal);
    assertThat(full)
        .filteredOn(image -> !minimal.contains(image))
        .containsExactly(
            "quay.io/prometheus/alertmanager:v0.33.0", "quay.io/prometheus/node-exporter:v1.11.1");
  }

  @Test
  void says_which_component_needs_each_image() {
    Map<String, List<String>> neededBy =
        list(standalone, StackProfile.FULL).images().stream()
            .collect(Collectors.toMap(RequiredImage::image, RequiredImage::neededBy));

    assertThat(neededBy.get("docker.io/milvusdb/milvus:v2.6.24"))
        .containsExactly("milvus: Deployment milvus/my-release-milvus-standalone (standalone)");
    assertThat(neededBy.get("docker.io/minio/minio:RELEASE.2024-12-18T13-15-44Z"))
        .containsExactly("milvus: Deployment milvus/my-release-minio (minio)");
    assertThat(neededBy.get("quay.io/prometheus/prometheus:v3.12.0"))
        .containsExactly("prometheus-operator: Prometheus monitoring/k8s");
    assertThat(neededBy.get("quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0"))
        .containsExactly(
            "prometheus-operator: config-reloader of Alertmanager monitoring/main",
            "prometheus-operator: config-reloader of Prometheus monitoring/k8s");
    assertThat(neededBy.get("docker.io/rancher/k3s:v1.35.0-k3s1"))
        .containsExactly("k3s: the node container");
  }

  @Test
  void pod_images_leave_out_the_k3s_node_image_unless_a_pod_also_runs_it() {
    ImageList list = list(standalone, StackProfile.MINIMAL);

    assertThat(list.podImages())
        .hasSize(list.names().size() - 1)
        .doesNotContain("docker.io/rancher/k3s:v1.35.0-k3s1");
    assertThat(
            ImageList.builder()
                .withK3sImage("rancher/k3s:v1.35.0-k3s1")
                .add("rancher/k3s:v1.35.0-k3s1", "test: pod")
                .build()
                .podImages())
        .containsExactly("docker.io/rancher/k3s:v1.35.0-k3s1");
  }

  @Test
  void deduplicates_an_image_needed_twice_under_different_spellings() {
    ImageList list =
        ImageList.builder()
            .add("busybox", "test: first")
            .add("docker.io/library/busybox:latest", "test: second")
            .build();

    assertThat(list.images())
        .containsExactly(
            new RequiredImage(
                "docker.io/library/busybox:latest", List.of("test: first", "test: second")));
  }

  @Test
  void format_prints_one_line_per_image_with_the_reference_first() {
    ImageList list = list(standalone, StackProfile.MINIMAL);

    List<String> lines = list.format().lines().toList();

    assertThat(lines).hasSize(list.images().size());
    assertThat(lines)
        .extracting(line -> line.split(" ")[0])
        .containsExactlyElementsOf(list.names());
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "docker\\.io/milvusdb/milvus:v2\\.6\\.24 +# milvus: Deployment milvus/my-release-milvus-standalone"
                            + " \\(standalone\\)"));
  }

  @Test
  void of_renders_the_chart_of_a_configuration_and_leaves_out_k3s_for_an_existing_cluster() {
    ImageList fromConfig =
        ImageList.of(
            ImageFixtures.milvus()
                .withProfile(MilvusProfile.ONE_POD)
                .withImageTag("v2.6.16")
                .build(),
            StackProfile.MINIMAL,
            kubePrometheus,
            null);

    assertThat(fromConfig.names())
        .contains("docker.io/milvusdb/milvus:v2.6.16")
        .doesNotContain("docker.io/milvusdb/etcd:3.5.25-r1")
        .noneMatch(image -> image.contains("rancher/k3s"));
  }

  @Test
  void refuses_manifests_that_do_not_match_the_shipped_checksums() {
    ManifestSource fixture =
        ManifestSource.directory(ImageFixtures.resource("/kube-prometheus-fixture"));

    assertThatThrownBy(
            () -> ImageList.of(ImageFixtures.milvus().build(), StackProfile.MINIMAL, fixture, null))
        .isInstanceOf(ManifestVerificationException.class);
  }
}
