package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PrometheusRbacPatchTest {

  private static final String PATCH =
      "[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"\"],"
          + "\"resources\":[\"pods\",\"services\",\"endpoints\"],\"verbs\":[\"get\",\"list\",\"watch\"]}},"
          + "{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"discovery.k8s.io\"],"
          + "\"resources\":[\"endpointslices\"],\"verbs\":[\"get\",\"list\",\"watch\"]}}]";

  private static final PolicyRule CORE =
      new PolicyRuleBuilder()
          .withApiGroups("")
          .withResources("pods", "services", "endpoints")
          .withVerbs("get", "list", "watch")
          .build();
  private static final PolicyRule SLICES =
      new PolicyRuleBuilder()
          .withApiGroups("discovery.k8s.io")
          .withResources("endpointslices")
          .withVerbs("get", "list", "watch")
          .build();

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void exposes_the_exact_json_patch_and_kubectl_command() {
    assertThat(PrometheusRbacPatch.jsonPatch()).isEqualTo(PATCH);
    assertThat(PrometheusRbacPatch.kubectlCommand())
        .isEqualTo("kubectl patch clusterrole prometheus-k8s --type=json -p='" + PATCH + "'");
  }

  @Test
  void adds_discovery_rules_to_the_upstream_cluster_role() {
    ClusterRole upstream = createUpstreamRole();

    ApplyReport report = PrometheusRbacPatch.apply(client);

    assertThat(report.entries())
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.PATCHED);
    List<PolicyRule> rules = storedRules();
    assertThat(rules).hasSize(4);
    assertThat(rules.subList(0, 2)).isEqualTo(upstream.getRules());
    assertThat(rules.subList(2, 4)).containsExactly(CORE, SLICES);
  }

  @Test
  void applying_twice_adds_the_rules_once() {
    createUpstreamRole();

    PrometheusRbacPatch.apply(client);
    ApplyReport second = PrometheusRbacPatch.apply(client);

    assertThat(second.entries())
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.ALREADY_PRESENT);
    assertThat(storedRules()).hasSize(4).containsOnlyOnce(CORE, SLICES);
  }

  @Test
  void adds_only_endpointslices_when_the_older_patch_was_applied() {
    ClusterRole role = createUpstreamRole();
    role.getRules()
        .add(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("pods", "services", "endpoints")
                .withVerbs("get", "watch", "list")
                .build());
    client.rbac().clusterRoles().resource(role).update();

    PrometheusRbacPatch.apply(client);

    assertThat(storedRules()).hasSize(4).endsWith(SLICES);
  }

  @Test
  void leaves_a_role_granting_everything_alone() {
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s")
                .endMetadata()
                .addNewRule()
                .withApiGroups("*")
                .withResources("*")
                .withVerbs("*")
                .endRule()
                .build())
        .create();

    assertThat(PrometheusRbacPatch.apply(client).entries())
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.ALREADY_PRESENT);
  }

  @Test
  void does_not_count_a_rule_restricted_to_resource_names() {
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s")
                .endMetadata()
                .addNewRule()
                .withApiGroups("discovery.k8s.io")
                .withResources("endpointslices")
                .withResourceNames("one")
                .withVerbs("get", "list", "watch")
                .endRule()
                .build())
        .create();

    assertThat(PrometheusRbacPatch.apply(client).entries().get(0).action())
        .isEqualTo(ApplyReport.Action.PATCHED);
    assertThat(storedRules()).hasSize(3).endsWith(CORE, SLICES);
  }

  @Test
  void reports_a_forbidden_patch_with_verb_resource_rights_and_admin_command() {
    createUpstreamRole();
    server
        .expect()
        .patch()
        .withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles/prometheus-k8s")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "clusterroles.rbac.authorization.k8s.io \"prometheus-k8s\" is forbidden: User \"dev\" cannot patch resource \"clusterroles\"")
                .build())
        .once();

    assertThatThrownBy(() -> PrometheusRbacPatch.apply(client))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith(
            "The cluster forbade 'patch' on clusterroles.rbac.authorization.k8s.io 'prometheus-k8s' (HTTP 403: ")
        .hasMessageContaining("User \"dev\" cannot patch resource \"clusterroles\")")
        .hasMessageContaining("needs cluster-admin rights")
        .hasMessageEndingWith(
            "ask an administrator to run:\n  " + PrometheusRbacPatch.kubectlCommand());
    assertThat(storedRules()).hasSize(2);
  }

  @Test
  void refuses_to_patch_a_missing_cluster_role() {
    assertThatThrownBy(() -> PrometheusRbacPatch.apply(client))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith("ClusterRole 'prometheus-k8s' does not exist")
        .hasMessageContaining("manifests/prometheus-clusterRole.yaml");
  }

  private ClusterRole createUpstreamRole() {
    ManifestFile file =
        Fixture.manifests().files().stream()
            .filter(f -> f.path().equals("manifests/prometheus-clusterRole.yaml"))
            .findFirst()
            .orElseThrow();
    ClusterRole role =
        (ClusterRole) KubePrometheusManifests.resources(file, StackProfile.FULL).get(0);
    assertThat(role.getRules()).hasSize(2);
    return client.rbac().clusterRoles().resource(role).create();
  }

  private List<PolicyRule> storedRules() {
    return client.rbac().clusterRoles().withName("prometheus-k8s").get().getRules();
  }
}
