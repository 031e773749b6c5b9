package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.milvus.internal.ValuesFiles;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Renders each profile on the test chart, which has the shape of the Milvus chart 5.0.19. */
class MilvusProfileRenderTest {

  private static MilvusManifests render(MilvusProfile profile) {
    try (MilvusHelmRelease release =
        MilvusHelmRelease.create(ChartFixture.config().withProfile(profile).build())) {
      return release.render();
    }
  }

  private static List<String> names(List<HasMetadata> resources) {
    return resources.stream().map(resource -> resource.getMetadata().getName()).sorted().toList();
  }

  private static Deployment deployment(MilvusManifests manifests, String name) {
    return (Deployment)
        manifests.ofKind("Deployment").stream()
            .filter(d -> d.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow();
  }

  private static PodSpec pod(MilvusManifests manifests, String deployment) {
    return deployment(manifests, deployment).getSpec().getTemplate().getSpec();
  }

  private static Map<String, Object> config(MilvusManifests manifests, String file)
      throws Exception {
    ConfigMap config =
        (ConfigMap)
            manifests.ofKind("ConfigMap").stream()
                .filter(c -> c.getMetadata().getName().equals("my-release-milvus"))
                .findFirst()
                .orElseThrow();
    return ValuesFiles.parse(config.getData().get(file));
  }

  private static StatefulSet etcd(MilvusManifests manifests) {
    return (StatefulSet)
        manifests.ofKind("StatefulSet").stream()
            .filter(s -> s.getMetadata().getName().equals("my-release-etcd"))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void standalone_renders_milvus_etcd_and_minio_with_three_images() {
    MilvusManifests manifests = render(MilvusProfile.STANDALONE);

    assertThat(names(manifests.ofKind("Deployment")))
        .containsExactly("my-release-milvus-standalone", "my-release-minio");
    assertThat(names(manifests.ofKind("StatefulSet"))).containsExactly("my-release-etcd");
    assertThat(etcd(manifests).getSpec().getReplicas()).isEqualTo(1);
    assertThat(manifests.images())
        .containsExactly(
            "docker.io/milvusdb/etcd:3.5.25-r1",
            "milvusdb/milvus:v2.6.24",
            "minio/minio:RELEASE.2024-12-18T13-15-44Z");
    assertThat(names(manifests.ofKind("PersistentVolumeClaim")))
        .containsExactly("my-release-milvus", "my-release-minio");
    assertThat(manifests.serviceMonitors())
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("my-release-milvus-standalone");
  }

  @Test
  @SuppressWarnings("unchecked")
  void standalone_keeps_the_chart_default_user_yaml_and_uses_woodpecker_on_minio()
      throws Exception {
    MilvusManifests manifests = render(MilvusProfile.STANDALONE);

    Map<String, Object> defaults = config(manifests, "default.yaml");
    assertThat(ValuesMerge.lookup(defaults, "mq.type")).isEqualTo("woodpecker");
    assertThat(ValuesMerge.lookup(defaults, "minio.address")).isEqualTo("my-release-minio");
    assertThat(ValuesMerge.lookup(defaults, "minio.useSSL")).isEqualTo(false);
    assertThat((List<Object>) ValuesMerge.lookup(defaults, "etcd.endpoints"))
        .containsExactly(
            "my-release-etcd-0.my-release-etcd-headless.milvus.svc.cluster.local:2379");
    ConfigMap config = (ConfigMap) manifests.ofKind("ConfigMap").get(0);
    assertThat(config.getData().get("user.yaml"))
        .startsWith("#")
        .doesNotContain("embed")
        .doesNotContain("storageType");
  }

  @Test
  void one_pod_renders_milvus_alone_with_one_image_and_no_volume_claim() {
    MilvusManifests manifests = render(MilvusProfile.ONE_POD);

    assertThat(names(manifests.ofKind("Deployment")))
        .containsExactly("my-release-milvus-standalone");
    assertThat(manifests.ofKind("StatefulSet")).isEmpty();
    assertThat(manifests.ofKind("PersistentVolumeClaim")).isEmpty();
    assertThat(manifests.images()).containsExactly("milvusdb/milvus:v2.6.24");
    Volume data =
        pod(manifests, "my-release-milvus-standalone").getVolumes().stream()
            .filter(v -> v.getName().equals("milvus-data-disk"))
            .findFirst()
            .orElseThrow();
    assertThat(data.getEmptyDir()).isNotNull();
    assertThat(manifests.serviceMonitors())
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("my-release-milvus-standalone");
  }

  @Test
  void one_pod_sets_deploy_mode_standalone_which_embedded_etcd_requires() {
    Container milvus =
        pod(render(MilvusProfile.ONE_POD), "my-release-milvus-standalone").getContainers().get(0);

    assertThat(milvus.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DEPLOY_MODE", "STANDALONE"));
  }

  @Test
  void one_pod_configures_embedded_etcd_local_storage_and_woodpecker_on_local_disk()
      throws Exception {
    MilvusManifests manifests = render(MilvusProfile.ONE_POD);

    Map<String, Object> user = config(manifests, "user.yaml");
    assertThat(ValuesMerge.lookup(user, "etcd.use.embed")).isEqualTo(true);
    assertThat(ValuesMerge.lookup(user, "etcd.data.dir")).isEqualTo("/var/lib/milvus/etcd");
    assertThat(ValuesMerge.lookup(user, "common.storageType")).isEqualTo("local");
    assertThat(ValuesMerge.lookup(user, "localStorage.path")).isEqualTo("/var/lib/milvus/data/");
    Map<String, Object> defaults = config(manifests, "default.yaml");
    assertThat(ValuesMerge.lookup(defaults, "mq.type")).isEqualTo("woodpecker");
    assertThat(ValuesMerge.lookup(defaults, "woodpecker.storage.type")).isEqualTo("local");
    assertThat(ValuesMerge.lookup(defaults, "minio.useSSL")).isEqualTo(false);
  }

  @Test
  void cluster_renders_the_five_components_etcd_and_minio_with_the_same_three_images() {
    MilvusManifests manifests = render(MilvusProfile.CLUSTER);

    assertThat(names(manifests.ofKind("Deployment")))
        .containsExactly(
            "my-release-milvus-datanode",
            "my-release-milvus-mixcoord",
            "my-release-milvus-proxy",
            "my-release-milvus-querynode",
            "my-release-milvus-streamingnode",
            "my-release-minio");
    assertThat(names(manifests.ofKind("StatefulSet"))).containsExactly("my-release-etcd");
    assertThat(etcd(manifests).getSpec().getReplicas()).isEqualTo(1);
    assertThat(manifests.images())
        .containsExactly(
            "docker.io/milvusdb/etcd:3.5.25-r1",
            "milvusdb/milvus:v2.6.24",
            "minio/minio:RELEASE.2024-12-18T13-15-44Z");
    assertThat(manifests.images()).noneMatch(image -> image.startsWith("apachepulsar/"));
    for (String component : MilvusProfile.CLUSTER.components()) {
      Deployment deployment = deployment(manifests, "my-release-milvus-" + component);
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(deployment.getSpec().getReplicas()).as(component).isEqualTo(1);
      assertThat(container.getResources().getRequests())
          .as(component)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
    }
  }

  @Test
  void cluster_service_monitor_is_named_after_the_release_and_selects_every_component_service() {
    MilvusManifests manifests = render(MilvusProfile.CLUSTER);
    MilvusReleaseNames names =
        MilvusValues.of(ChartFixture.config().withProfile(MilvusProfile.CLUSTER).build()).names();

    assertThat(names.serviceMonitorName()).isEqualTo("my-release-milvus");
    assertThat(manifests.serviceMonitors())
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("my-release-milvus");
    ServiceMonitor monitor = manifests.serviceMonitor("my-release-milvus").orElseThrow();
    Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
    assertThat(selector)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("app.kubernetes.io/name", "milvus", "app.kubernetes.io/instance", "my-release"));
    List<Service> selected =
        manifests.ofKind("Service").stream()
            .map(Service.class::cast)
            .filter(
                s ->
                    s.getMetadata().getLabels() != null
                        && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .toList();
    assertThat(selected)
        .extracting(s -> s.getMetadata().getLabels().get("component"))
        .containsExactlyInAnyOrderElementsOf(MilvusProfile.CLUSTER.components());
    assertThat(selected)
        .allSatisfy(
            s ->
                assertThat(s.getSpec().getPorts())
                    .anySatisfy(
                        p -> {
                          assertThat(p.getName()).isEqualTo("metrics");
                          assertThat(p.getPort()).isEqualTo(9091);
                        }));
    assertThat(selected)
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            MilvusProfile.CLUSTER.components().stream().map(names::serviceName).toList());
  }

  @Test
  void cluster_streams_through_woodpecker_on_minio_without_pulsar() throws Exception {
    Map<String, Object> defaults = config(render(MilvusProfile.CLUSTER), "default.yaml");

    assertThat(ValuesMerge.lookup(defaults, "woodpecker.storage.type")).isEqualTo("minio");
    assertThat(ValuesMerge.lookup(defaults, "mq")).isNull();
    assertThat(ValuesMerge.lookup(defaults, "pulsar")).isNull();
    assertThat(ValuesMerge.lookup(defaults, "minio.address")).isEqualTo("my-release-minio");
  }

  @Test
  void every_profile_checks_milvus_readiness_from_5_seconds_and_liveness_from_60() {
    for (MilvusProfile profile : MilvusProfile.values()) {
      MilvusManifests manifests = render(profile);
      for (String component : profile.components()) {
        Container milvus = pod(manifests, "my-release-milvus-" + component).getContainers().get(0);

        assertThat(milvus.getReadinessProbe().getInitialDelaySeconds())
            .as(profile + " " + component)
            .isEqualTo(5);
        assertThat(milvus.getReadinessProbe().getPeriodSeconds())
            .as(profile + " " + component)
            .isEqualTo(5);
        assertThat(milvus.getLivenessProbe().getInitialDelaySeconds())
            .as(profile + " " + component)
            .isEqualTo(60);
        assertThat(milvus.getLivenessProbe().getPeriodSeconds())
            .as(profile + " " + component)
            .isEqualTo(30);
      }
    }
  }

  @Test
  void profiles_with_etcd_check_its_readiness_from_5_seconds_and_keep_its_liveness_at_60() {
    for (MilvusProfile profile : List.of(MilvusProfile.STANDALONE, MilvusProfile.CLUSTER)) {
      Container etcd =
          etcd(render(profile)).getSpec().getTemplate().getSpec().getContainers().get(0);

      assertThat(etcd.getReadinessProbe().getInitialDelaySeconds()).as(profile.name()).isEqualTo(5);
      assertThat(etcd.getReadinessProbe().getPeriodSeconds()).as(profile.name()).isEqualTo(5);
      assertThat(etcd.getLivenessProbe().getInitialDelaySeconds()).as(profile.name()).isEqualTo(60);
    }
  }

  @Test
  void the_chart_fails_without_minio_tls_when_minio_is_disabled_as_the_real_chart_does() {
    MilvusReleaseConfig config =
        ChartFixture.config()
            .withValues(Map.of("etcd", Map.of("enabled", false), "minio", Map.of("enabled", false)))
            .build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageContaining("config.tpl")
          .hasMessageContaining(
              "<.Values.minio.tls.enabled>: nil pointer evaluating interface {}.enabled");
    }
  }

  @Test
  void names_the_components_each_profile_runs() {
    assertThat(MilvusProfile.STANDALONE.components()).containsExactly("standalone");
    assertThat(MilvusProfile.ONE_POD.components()).containsExactly("standalone");
    assertThat(MilvusProfile.CLUSTER.components())
        .containsExactly("mixcoord", "proxy", "querynode", "datanode", "streamingnode");
  }

  @Test
  void parses_profile_names_with_dash_or_underscore_in_any_case() {
    assertThat(MilvusProfile.parse("one-pod")).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(MilvusProfile.parse("ONE_POD")).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(MilvusProfile.parse("cluster")).isEqualTo(MilvusProfile.CLUSTER);
    assertThat(MilvusProfile.parse(" Cluster ")).isEqualTo(MilvusProfile.CLUSTER);
  }
}
