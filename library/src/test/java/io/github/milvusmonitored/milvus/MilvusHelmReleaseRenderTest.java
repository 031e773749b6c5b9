package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusHelmReleaseRenderTest {

  private static MilvusManifests render(MilvusReleaseConfig config) {
    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      return release.render();
    }
  }

  @Test
  void renders_service_monitor_with_computed_name_timing_and_selection() {
    MilvusReleaseConfig config =
        ChartFixture.config()
            .withNamespace("milvus-it")
            .withServiceMonitorInterval(Duration.ofSeconds(15))
            .withScrapeTimeout(Duration.ofSeconds(5))
            .build();
    MilvusValues values = MilvusValues.of(config);

    MilvusManifests manifests = render(config);

    assertThat(manifests.serviceMonitors()).hasSize(1);
    ServiceMonitor monitor =
        manifests.serviceMonitor(values.names().serviceMonitorName()).orElseThrow();
    assertThat(monitor.getMetadata().getName()).isEqualTo("my-release-milvus-standalone");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("milvus-it");
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
    assertThat(endpoint.getInterval()).isEqualTo("15s");
    assertThat(endpoint.getScrapeTimeout()).isEqualTo("5s");
    assertThat(endpoint.getPort()).isEqualTo("metrics");
    assertThat(endpoint.getPath()).isEqualTo("/metrics");
    assertThat(endpoint.getHonorLabels()).isTrue();
    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames())
        .containsExactly("milvus-it");
    assertThat(monitor.getSpec().getSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/name", "milvus",
                "app.kubernetes.io/instance", "my-release",
                "component", "standalone"));
    assertThat(monitor.getSpec().getTargetLabels())
        .containsExactly("app.kubernetes.io/name", "app.kubernetes.io/instance", "component");
  }

  @Test
  void service_selected_by_the_monitor_is_named_as_the_job_label_and_exposes_metrics_port() {
    MilvusReleaseConfig config = ChartFixture.config().build();
    MilvusValues values = MilvusValues.of(config);

    MilvusManifests manifests = render(config);

    Service service =
        (Service)
            manifests.ofKind("Service").stream()
                .filter(
                    resource -> resource.getMetadata().getName().equals(values.names().jobLabel()))
                .findFirst()
                .orElseThrow();
    assertThat(service.getMetadata().getName())
        .isEqualTo(values.names().jobLabel())
        .isEqualTo("my-release-milvus");
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("milvus", 19530),
            org.assertj.core.groups.Tuple.tuple("metrics", 9091));
    ServiceMonitor monitor = manifests.serviceMonitors().get(0);
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void release_name_containing_milvus_is_used_as_the_fullname() {
    MilvusReleaseConfig config = ChartFixture.config().withReleaseName("milvus-it").build();

    MilvusManifests manifests = render(config);

    assertThat(MilvusValues.of(config).names().serviceMonitorName())
        .isEqualTo("milvus-it-standalone");
    assertThat(manifests.serviceMonitors())
        .extracting(monitor -> monitor.getMetadata().getName())
        .containsExactly("milvus-it-standalone");
    assertThat(manifests.ofKind("Service"))
        .extracting(resource -> resource.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "milvus-it", "milvus-it-etcd", "milvus-it-etcd-headless", "milvus-it-minio");
  }

  @Test
  void profile_renders_light_standalone_without_pulsar() {
    MilvusManifests manifests = render(ChartFixture.config().build());

    assertThat(manifests.ofKind("Deployment"))
        .extracting(resource -> resource.getMetadata().getName())
        .containsExactlyInAnyOrder("my-release-milvus-standalone", "my-release-minio");
    StatefulSet etcd = (StatefulSet) manifests.ofKind("StatefulSet").get(0);
    assertThat(manifests.ofKind("StatefulSet")).hasSize(1);
    assertThat(etcd.getSpec().getReplicas()).isEqualTo(1);
    assertThat(manifests.images()).noneMatch(image -> image.startsWith("apachepulsar/"));
  }

  @Test
  void user_values_override_profile_values() {
    MilvusReleaseConfig config =
        ChartFixture.config()
            .withValues(
                Map.of("etcd", Map.of("replicaCount", 3), "pulsarv3", Map.of("enabled", true)))
            .build();

    MilvusManifests manifests = render(config);

    assertThat(manifests.ofKind("StatefulSet"))
        .extracting(HasMetadata::getMetadata)
        .extracting(meta -> meta.getName())
        .containsExactlyInAnyOrder("my-release-etcd", "my-release-pulsarv3-broker");
    StatefulSet etcd =
        (StatefulSet)
            manifests.ofKind("StatefulSet").stream()
                .filter(resource -> resource.getMetadata().getName().endsWith("etcd"))
                .findFirst()
                .orElseThrow();
    assertThat(etcd.getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void image_tag_is_applied_to_the_milvus_container() {
    MilvusManifests manifests = render(ChartFixture.config().withImageTag("v2.6.16").build());

    assertThat(manifests.images())
        .containsExactly(
            "docker.io/milvusdb/etcd:3.5.25-r1",
            "milvusdb/milvus:v2.6.16",
            "minio/minio:RELEASE.2024-12-18T13-15-44Z");
  }

  @Test
  void additional_service_monitor_labels_from_user_values_are_rendered() {
    MilvusManifests manifests =
        render(
            ChartFixture.config()
                .withValues(
                    Map.of(
                        "metrics",
                        Map.of(
                            "serviceMonitor",
                            Map.of("additionalLabels", Map.of("team", "search")))))
                .build());

    assertThat(manifests.serviceMonitors().get(0).getMetadata().getLabels())
        .containsEntry("team", "search");
  }

  @Test
  void reports_render_failure_with_helm_error_and_the_keys_given_but_never_their_values() {
    // Disabling MinIO drops the sub-chart's values; the chart's config.tpl still reads minio.tls.
    MilvusReleaseConfig config =
        ChartFixture.config()
            .withValues(
                Map.of("minio", Map.of("enabled", false, "secretKey", "planted-secret-value")))
            .build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageStartingWith(
              "Helm could not render chart "
                  + ChartFixture.directory().toAbsolutePath()
                  + " with values file ")
          .hasMessageContaining(
              "milvus-values.yaml: template: milvus/templates/standalone-deployment.yaml")
          .hasMessageContaining(
              "<.Values.minio.tls.enabled>: nil pointer evaluating interface {}.enabled")
          .hasMessageEndingWith(
              ". Nothing was installed. The values file merges the profile's values, the"
                  + " monitoring settings and the values given (withValues/withValuesFile, in that order); check them"
                  + " against the chart's values.yaml, or use a chart version these values fit (withChartVersion)."
                  + " The values given set minio.enabled, minio.secretKey (their values are not shown: they may hold"
                  + " credentials).")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("planted-secret-value"));
    }
  }
}
