package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.milvusmonitored.milvus.internal.ValuesFiles;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusProfileRenderTest {

  private static MilvusManifests render(MilvusProfile profile) {
    try (MilvusHelmRelease release = MilvusHelmRelease.create(ChartFixture.config().withProfile(profile).build())) {
      return release.render();
    }
  }

  private static Deployment milvus(MilvusManifests manifests) {
    return (Deployment) manifests.ofKind("Deployment").stream()
        .filter(d -> d.getMetadata().getName().endsWith("-standalone")).findFirst().orElseThrow();
  }

  @Test
  void one_pod_renders_milvus_alone_without_etcd_minio_or_volume_claim() {
    MilvusManifests manifests = render(MilvusProfile.ONE_POD);

    assertThat(manifests.ofKind("Deployment")).extracting(HasMetadata::getMetadata)
        .extracting(meta -> meta.getName()).containsExactly("my-release-milvus-standalone");
    assertThat(manifests.ofKind("StatefulSet")).isEmpty();
    assertThat(manifests.ofKind("PersistentVolumeClaim")).isEmpty();
    Volume data = milvus(manifests).getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals("milvus-data-disk")).findFirst().orElseThrow();
    assertThat(data.getEmptyDir()).isNotNull();
    assertThat(manifests.serviceMonitors()).hasSize(1);
  }

  @Test
  void one_pod_configures_embedded_etcd_and_local_storage_in_user_yaml() throws Exception {
    ConfigMap config = (ConfigMap) render(MilvusProfile.ONE_POD).ofKind("ConfigMap").get(0);

    Map<String, Object> user = ValuesFiles.parse(config.getData().get("user.yaml"));

    assertThat(ValuesMerge.lookup(user, "etcd.use.embed")).isEqualTo(true);
    assertThat(ValuesMerge.lookup(user, "etcd.data.dir")).isEqualTo("/var/lib/milvus/etcd");
    assertThat(ValuesMerge.lookup(user, "common.storageType")).isEqualTo("local");
    assertThat(ValuesMerge.lookup(user, "localStorage.path")).isEqualTo("/var/lib/milvus/data/");
    assertThat(ValuesMerge.lookup(user, "mq.type")).isEqualTo("woodpecker");
    assertThat(ValuesMerge.lookup(user, "woodpecker.storage.type")).isEqualTo("local");
  }

  @Test
  void both_profiles_check_readiness_from_5_seconds_and_liveness_from_60() {
    for (MilvusProfile profile : MilvusProfile.values()) {
      Container milvus = milvus(render(profile)).getSpec().getTemplate().getSpec().getContainers().get(0);

      assertThat(milvus.getReadinessProbe().getInitialDelaySeconds()).as(profile.name()).isEqualTo(5);
      assertThat(milvus.getReadinessProbe().getPeriodSeconds()).as(profile.name()).isEqualTo(5);
      assertThat(milvus.getLivenessProbe().getInitialDelaySeconds()).as(profile.name()).isEqualTo(60);
      assertThat(milvus.getLivenessProbe().getPeriodSeconds()).as(profile.name()).isEqualTo(30);
    }
  }

  @Test
  void standalone_keeps_its_volume_claim_and_the_chart_default_user_yaml() throws Exception {
    MilvusManifests manifests = render(MilvusProfile.STANDALONE);

    assertThat(manifests.ofKind("PersistentVolumeClaim")).extracting(r -> r.getMetadata().getName())
        .containsExactly("my-release-milvus");
    ConfigMap config = (ConfigMap) manifests.ofKind("ConfigMap").get(0);
    assertThat(config.getData().get("user.yaml")).startsWith("#").doesNotContain("embed").doesNotContain("storageType");
  }

  @Test
  void parses_profile_names_with_dash_or_underscore() {
    assertThat(MilvusProfile.parse("one-pod")).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(MilvusProfile.parse("ONE_POD")).isEqualTo(MilvusProfile.ONE_POD);
  }
}
