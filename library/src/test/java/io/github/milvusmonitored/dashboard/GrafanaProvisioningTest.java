package io.github.milvusmonitored.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.metrics.MilvusSelector;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class GrafanaProvisioningTest {

  KubernetesClient client;

  private static final MilvusSelector RELEASE = MilvusSelector.of("vectors", "search");

  private static GrafanaDashboard features() {
    return GrafanaDashboard.load(DashboardSource.classpath("/dashboards/audit-features.json"));
  }

  /**
   * The shape of kube-prometheus v0.18.0's grafana Deployment: one container, one volume per
   * dashboard.
   */
  private void grafanaDeployment() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("monitoring")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("grafana")
                .withNamespace("monitoring")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("grafana")
                .withImage("grafana/grafana:13.0.2")
                .addNewVolumeMount()
                .withName("grafana-dashboard-apiserver")
                .withMountPath("/grafana-dashboard-definitions/0/apiserver")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("grafana-dashboard-apiserver")
                .withNewConfigMap()
                .withName("grafana-dashboard-apiserver")
                .endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void binds_the_release_variables_and_selects_the_provisioned_data_source() throws Exception {
    JsonNode bound = new ObjectMapper().readTree(GrafanaProvisioning.bind(features(), RELEASE));

    JsonNode list = bound.path("templating").path("list");
    assertThat(variable(list, "namespace").path("type").asText()).isEqualTo("custom");
    assertThat(variable(list, "namespace").path("query").asText()).isEqualTo("vectors");
    assertThat(variable(list, "namespace").path("current").path("value").asText())
        .isEqualTo("vectors");
    assertThat(variable(list, "instance").path("current").path("value").asText())
        .isEqualTo("search");
    assertThat(variable(list, "instance").path("includeAll").asBoolean()).isFalse();
    assertThat(variable(list, "app_name").path("options").get(0).path("value").asText())
        .isEqualTo("milvus");
    assertThat(variable(list, "datasource").path("current").path("value").asText())
        .isEqualTo("prometheus");
    assertThat(variable(list, "component").path("type").asText())
        .as("other variables stay")
        .isEqualTo("query");
    assertThat(bound.path("panels"))
        .as("panels unchanged")
        .isEqualTo(new ObjectMapper().readTree(features().json()).path("panels"));
  }

  @Test
  void mounts_the_dashboard_config_map_into_grafana_once() {
    grafanaDeployment();

    GrafanaProvisioning.provision(client, features(), RELEASE);
    GrafanaProvisioning.provision(client, features(), RELEASE);

    assertThat(
            client
                .configMaps()
                .inNamespace("monitoring")
                .withName(GrafanaProvisioning.CONFIG_MAP)
                .get()
                .getData())
        .containsOnlyKeys("milvus-dashboard.json");
    Deployment grafana =
        client.apps().deployments().inNamespace("monitoring").withName("grafana").get();
    var pod = grafana.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("grafana-dashboard-milvus"))
        .singleElement()
        .satisfies(
            v -> assertThat(v.getConfigMap().getName()).isEqualTo("grafana-dashboard-milvus"));
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("grafana-dashboard-milvus"))
        .singleElement()
        .satisfies(
            m -> assertThat(m.getMountPath()).isEqualTo("/grafana-dashboard-definitions/0/milvus"));
  }

  @Test
  void the_dashboard_config_map_is_owned_by_grafana_so_it_goes_with_it() {
    grafanaDeployment();

    GrafanaProvisioning.provision(client, features(), RELEASE);

    String grafanaUid =
        client
            .apps()
            .deployments()
            .inNamespace("monitoring")
            .withName("grafana")
            .get()
            .getMetadata()
            .getUid();
    assertThat(
            client
                .configMaps()
                .inNamespace("monitoring")
                .withName(GrafanaProvisioning.CONFIG_MAP)
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getApiVersion()).isEqualTo("apps/v1");
              assertThat(owner.getKind()).isEqualTo("Deployment");
              assertThat(owner.getName()).isEqualTo("grafana");
              assertThat(owner.getUid()).isNotBlank().isEqualTo(grafanaUid);
            });
  }

  @Test
  void without_grafana_it_says_which_profile_brings_it() {
    assertThatThrownBy(() -> GrafanaProvisioning.provision(client, features(), RELEASE))
        .isInstanceOf(DashboardException.class)
        .hasMessage(
            "Cannot import dashboard 'Audit features' into Grafana: Deployment monitoring/grafana does not"
                + " exist. It comes with the FULL kube-prometheus profile.");
    assertThat(
            client
                .configMaps()
                .inNamespace("monitoring")
                .withName(GrafanaProvisioning.CONFIG_MAP)
                .get())
        .isNull();
  }

  private static JsonNode variable(JsonNode list, String name) {
    for (JsonNode v : list) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }
}
