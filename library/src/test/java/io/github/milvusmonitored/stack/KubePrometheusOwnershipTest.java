package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * On a shared cluster the installer records what exists, creates with its run's labels and removes
 * only that.
 */
@EnableKubernetesMockClient(crud = true)
class KubePrometheusOwnershipTest {

  KubernetesClient client;
  KubernetesMockServer server;

  private final List<String> sent = new CopyOnWriteArrayList<>();

  /** Create-or-replace (the mock has no server-side apply), recording what reaches the server. */
  private final ResourceApplier recording =
      ResourceApplier.of(
          "recording",
          "create",
          (c, r) -> {
            sent.add(r.getKind() + " " + r.getMetadata().getName());
            return ResourceApplier.CREATE_OR_REPLACE.apply(c, r);
          });

  private KubePrometheusInstaller installer(StackProfile profile) {
    return KubePrometheusInstaller.create(client, Fixture.manifests())
        .withProfile(profile)
        .withApplier(recording)
        .withRun(new RunOwnership("run-1"))
        .withStepTimeout(Duration.ofSeconds(5));
  }

  private void installEverything(KubePrometheusInstaller installer) {
    installer.applySetup();
    installer.applyStack();
    installer.patchRbac();
  }

  @Test
  void installers_derived_from_one_base_do_not_share_what_they_recorded() {
    KubePrometheusInstaller base = installer(StackProfile.MINIMAL);
    KubePrometheusInstaller slower = base.withStepTimeout(Duration.ofSeconds(6));
    KubePrometheusInstaller otherRun = base.withRun(new RunOwnership("run-2"));

    installEverything(slower);

    assertThat(slower.created("Deployment", "monitoring", "prometheus-operator")).isTrue();
    assertThat(base.created("Deployment", "monitoring", "prometheus-operator")).isFalse();
    assertThat(otherRun.created("Deployment", "monitoring", "prometheus-operator")).isFalse();
    // A copy made after the install starts empty too: its teardown has nothing to take back.
    assertThat(slower.withPollInterval(Duration.ofMillis(50)).teardown().entries()).isEmpty();
    assertThat(base.teardown().entries()).isEmpty();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("monitoring")
                .withName("prometheus-operator")
                .get())
        .isNotNull();
  }

  @Test
  void created_objects_carry_the_library_and_run_labels() {
    installEverything(installer(StackProfile.MINIMAL));

    Deployment operator =
        client.apps().deployments().inNamespace("monitoring").withName("prometheus-operator").get();
    assertThat(operator.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "milvus-monitored")
        .containsEntry("milvusmonitored.github.io/run-id", "run-1")
        .containsEntry("app.kubernetes.io/name", "prometheus-operator");
    assertThat(client.namespaces().withName("monitoring").get().getMetadata().getLabels())
        .containsEntry("milvusmonitored.github.io/run-id", "run-1");
  }

  @Test
  void a_users_monitoring_namespace_and_cluster_role_are_kept_and_only_the_added_rules_removed() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .create();
    client
        .configMaps()
        .inNamespace("monitoring")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("users-grafana")
                .endMetadata()
                .addToData("grafana.ini", "[server]")
                .build())
        .create();
    ClusterRole users =
        client
            .rbac()
            .clusterRoles()
            .resource(
                new ClusterRoleBuilder()
                    .withNewMetadata()
                    .withName("prometheus-k8s")
                    .endMetadata()
                    .addNewRule()
                    .withApiGroups("")
                    .withResources("configmaps")
                    .withVerbs("get")
                    .endRule()
                    .build())
            .create();
    List<PolicyRule> before = users.getRules();
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);

    installEverything(installer);
    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get().getRules()).hasSize(3);
    ApplyReport teardown = installer.teardown();

    assertThat(sent).doesNotContain("Namespace monitoring", "ClusterRole prometheus-k8s");
    assertThat(client.namespaces().withName("monitoring").get()).isNotNull();
    assertThat(
            client.configMaps().inNamespace("monitoring").withName("users-grafana").get().getData())
        .containsEntry("grafana.ini", "[server]");
    ClusterRole after = client.rbac().clusterRoles().withName("prometheus-k8s").get();
    assertThat(after.getRules()).isEqualTo(before);
    assertThat(after.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(teardown.entries())
        .extracting(e -> e.action() + " " + e.object())
        .containsExactly(
            "REVERTED ClusterRole prometheus-k8s",
            "DELETED Deployment monitoring/prometheus-operator",
            "DELETED ServiceAccount monitoring/prometheus-k8s",
            "DELETED Prometheus monitoring/k8s",
            "DELETED CustomResourceDefinition servicemonitors.monitoring.coreos.com",
            "DELETED CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "DELETED CustomResourceDefinition alertmanagers.monitoring.coreos.com");
  }

  @Test
  void
      in_a_users_namespace_what_the_operator_generated_for_the_runs_resources_goes_before_their_crds()
          throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("monitoring").endMetadata().build())
        .create();
    client
        .secrets()
        .inNamespace("monitoring")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("users-secret")
                .endMetadata()
                .addToStringData("token", "t")
                .build())
        .create();
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installEverything(installer);
    // What prometheus-operator writes for Prometheus monitoring/k8s: owned by it alone, or shared
    // with a user's own.
    String prometheusUid =
        client
            .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
            .inNamespace("monitoring")
            .withName("k8s")
            .get()
            .getMetadata()
            .getUid();
    OwnerReference byRun =
        new OwnerReferenceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("Prometheus")
            .withName("k8s")
            .withUid(prometheusUid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    OwnerReference byUser =
        new OwnerReferenceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("Prometheus")
            .withName("users")
            .withUid("uid-of-the-users-prometheus")
            .build();
    client
        .apps()
        .statefulSets()
        .inNamespace("monitoring")
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s")
                .withOwnerReferences(byRun)
                .endMetadata()
                .build())
        .create();
    client
        .secrets()
        .inNamespace("monitoring")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s-web-config")
                .withOwnerReferences(byRun)
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace("monitoring")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s-rulefiles-0")
                .withOwnerReferences(byRun)
                .endMetadata()
                .build())
        .create();
    client
        .services()
        .inNamespace("monitoring")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("prometheus-operated")
                .withOwnerReferences(byRun, byUser)
                .endMetadata()
                .build())
        .create();

    List<String> requests = requestsDuring(installer::teardown);
    int prometheusDeleted =
        indexOf(
            requests,
            "DELETE /apis/monitoring.coreos.com/v1/namespaces/monitoring/prometheuses/k8s");
    int statefulSetDeleted =
        indexOf(requests, "DELETE /apis/apps/v1/namespaces/monitoring/statefulsets/prometheus-k8s");
    int firstCrdDeleted =
        indexOf(requests, "DELETE /apis/apiextensions.k8s.io/v1/customresourcedefinitions/");
    assertThat(requests.get(prometheusDeleted)).contains("\"propagationPolicy\":\"Background\"");
    assertThat(requests.get(statefulSetDeleted))
        .as("its pods first")
        .contains("\"propagationPolicy\":\"Foreground\"");
    assertThat(statefulSetDeleted)
        .as("after its owner, before the CRDs: " + requests)
        .isGreaterThan(prometheusDeleted)
        .isLessThan(firstCrdDeleted);
    assertThat(
            client.apps().statefulSets().inNamespace("monitoring").withName("prometheus-k8s").get())
        .isNull();
    assertThat(
            client.secrets().inNamespace("monitoring").withName("prometheus-k8s-web-config").get())
        .isNull();
    assertThat(
            client
                .configMaps()
                .inNamespace("monitoring")
                .withName("prometheus-k8s-rulefiles-0")
                .get())
        .isNull();
    assertThat(client.services().inNamespace("monitoring").withName("prometheus-operated").get())
        .as("also owned by a Prometheus the run did not create")
        .isNotNull();
    assertThat(client.secrets().inNamespace("monitoring").withName("users-secret").get())
        .isNotNull();
    assertThat(client.namespaces().withName("monitoring").get()).isNotNull();
  }

  @Test
  void in_a_namespace_the_run_created_custom_resources_go_with_it_and_are_not_waited_for()
      throws Exception {
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installEverything(installer);

    List<String> requests = requestsDuring(installer::teardown);
    int prometheusDeleted =
        indexOf(
            requests,
            "DELETE /apis/monitoring.coreos.com/v1/namespaces/monitoring/prometheuses/k8s");
    assertThat(requests.get(prometheusDeleted)).contains("\"propagationPolicy\":\"Background\"");
    assertThat(requests.subList(prometheusDeleted + 1, requests.size()))
        .noneMatch(
            r ->
                r.startsWith(
                    "GET /apis/monitoring.coreos.com/v1/namespaces/monitoring/prometheuses/k8s"));
    assertThat(client.namespaces().withName("monitoring").get()).isNull();
  }

  /**
   * The requests {@code action} sends, as {@code METHOD path body}; what was sent before it is
   * skipped.
   */
  private List<String> requestsDuring(Runnable action) throws InterruptedException {
    while (server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
      // sent before the action
    }
    action.run();
    List<String> requests = new java.util.ArrayList<>();
    for (var r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      requests.add(r.getMethod() + " " + r.getPath() + " " + r.getBody().readUtf8());
    }
    return requests;
  }

  private static int indexOf(List<String> requests, String start) {
    return indexOf(requests, start, 0);
  }

  private static int indexOf(List<String> requests, String start, int from) {
    for (int i = from; i < requests.size(); i++) {
      if (requests.get(i).startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError(
        "no request starting with '" + start + "' after #" + from + " in " + requests);
  }

  @Test
  void teardown_removes_the_kubelet_objects_the_runs_operator_wrote_but_not_ones_that_were_there() {
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installEverything(installer);
    operatorWritesKubeletObjects();
    installer.teardown();
    assertThat(client.services().inNamespace("kube-system").withName("kubelet").get()).isNull();
    assertThat(client.endpoints().inNamespace("kube-system").withName("kubelet").get()).isNull();

    operatorWritesKubeletObjects(); // now there before the next run: another operator's, left alone
    KubePrometheusInstaller next = installer(StackProfile.MINIMAL);
    installEverything(next);
    next.teardown();
    assertThat(client.services().inNamespace("kube-system").withName("kubelet").get()).isNotNull();
    assertThat(client.endpoints().inNamespace("kube-system").withName("kubelet").get()).isNotNull();
  }

  private void operatorWritesKubeletObjects() {
    java.util.Map<String, String> labels =
        java.util.Map.of(
            "k8s-app",
            "kubelet",
            "app.kubernetes.io/managed-by",
            "prometheus-operator",
            "app.kubernetes.io/name",
            "kubelet");
    client
        .services()
        .inNamespace("kube-system")
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName("kubelet")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .endSpec()
                .build())
        .create();
    client
        .endpoints()
        .inNamespace("kube-system")
        .resource(
            new io.fabric8.kubernetes.api.model.EndpointsBuilder()
                .withNewMetadata()
                .withName("kubelet")
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  @Test
  void a_rule_someone_else_added_after_the_patch_survives_the_revert() {
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("prometheus-k8s")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("nodes/metrics")
                .withVerbs("get")
                .endRule()
                .build())
        .create();
    installEverything(installer);
    ClusterRole patched = client.rbac().clusterRoles().withName("prometheus-k8s").get();
    patched
        .getRules()
        .add(
            new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("secrets")
                .withVerbs("get")
                .build());
    client.rbac().clusterRoles().resource(patched).update();

    installer.teardown();

    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get().getRules())
        .extracting(r -> r.getResources().toString())
        .containsExactly("[nodes/metrics]", "[secrets]");
  }

  @Test
  void teardown_leaves_an_object_that_no_longer_carries_the_run_id() {
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installEverything(installer);
    Deployment operator =
        client.apps().deployments().inNamespace("monitoring").withName("prometheus-operator").get();
    operator.getMetadata().getLabels().put("milvusmonitored.github.io/run-id", "someone-elses");
    client.apps().deployments().resource(operator).update();

    ApplyReport teardown = installer.teardown();

    assertThat(teardown.entries())
        .filteredOn(e -> e.kind().equals("Deployment"))
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.KEPT);
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("monitoring")
                .withName("prometheus-operator")
                .get())
        .isNotNull();
    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get()).isNull();
  }

  @Test
  void an_earlier_runs_objects_are_kept_as_found_and_not_deleted() {
    installEverything(installer(StackProfile.MINIMAL).withRun(new RunOwnership("earlier")));
    sent.clear();
    KubePrometheusInstaller second = installer(StackProfile.MINIMAL);

    installEverything(second);
    ApplyReport teardown = second.teardown();

    assertThat(sent).isEmpty();
    assertThat(teardown.entries()).isEmpty();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("monitoring")
                .withName("prometheus-operator")
                .get())
        .isNotNull();
  }

  @Test
  void stops_before_changing_anything_when_another_stack_owns_the_crds_and_runs_an_operator() {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("prometheuses.monitoring.coreos.com")
                .addToAnnotations("meta.helm.sh/release-name", "kps")
                .addToAnnotations("meta.helm.sh/release-namespace", "observability")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Prometheus")
                .withPlural("prometheuses")
                .withSingular("prometheus")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("observability")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("kps-operator")
                .withNamespace("observability")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("operator")
                .withImage("quay.io/prometheus-operator/prometheus-operator:v0.80.1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    assertThatThrownBy(() -> installer(StackProfile.MINIMAL).applySetup())
        .isInstanceOf(KubePrometheusException.class)
        .hasMessage(
            "Another Prometheus stack is in this cluster:\n"
                + "  CustomResourceDefinition prometheuses.monitoring.coreos.com (Helm release observability/kps)\n"
                + "  Deployment observability/kps-operator runs a Prometheus operator"
                + " (quay.io/prometheus-operator/prometheus-operator:v0.80.1) (not labelled as installed by milvus-monitored)\n"
                + "Nothing was changed: installing kube-prometheus over it would replace its CRDs and run a second,"
                + " unrestricted Prometheus operator next to it. Ways forward: use that stack as it is (stack=existing:"
                + " @MilvusMonitored(stack = \"existing\"), system property milvus.monitored.stack, or"
                + " EnvironmentConfig.withStack(StackMode.EXISTING)), run on a dedicated cluster (the default"
                + " k3s: leave the kubeconfig setting unset), or a cluster whose only Prometheus stack is a"
                + " kube-prometheus in namespace 'monitoring' (a healthy one is used as it is and never removed), or"
                + " remove the other stack if it is a leftover.");
    assertThat(sent).isEmpty();
    assertThat(client.namespaces().withName("monitoring").get()).isNull();
  }

  @Test
  void on_a_cluster_made_for_the_run_unlabelled_objects_of_an_older_version_are_kept_not_refused() {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("prometheuses.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("Prometheus")
                .withPlural("prometheuses")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();

    ApplyReport setup = installer(StackProfile.MINIMAL).withOtherStackCheck(false).applySetup();

    assertThat(setup.entries())
        .extracting(e -> e.action() + " " + e.object())
        .contains(
            "KEPT CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "APPLIED CustomResourceDefinition servicemonitors.monitoring.coreos.com");
  }

  @Test
  void full_profile_leaves_a_served_metrics_api_alone() {
    GenericKubernetesResource metricsServer =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("apiregistration.k8s.io/v1")
            .withKind("APIService")
            .withNewMetadata()
            .withName("v1beta1.metrics.k8s.io")
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "group",
                    "metrics.k8s.io",
                    "version",
                    "v1beta1",
                    "service",
                    Map.of("namespace", "kube-system", "name", "metrics-server")))
            .build();
    client.resource(metricsServer).create();
    KubePrometheusInstaller installer = installer(StackProfile.FULL);

    installer.applySetup();
    ApplyReport stack = installer.applyStack();
    installer.teardown();

    assertThat(stack.entries())
        .filteredOn(e -> e.kind().equals("APIService"))
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.KEPT);
    assertThat(sent).doesNotContain("APIService v1beta1.metrics.k8s.io");
    GenericKubernetesResource stored =
        client
            .genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
            .withName("v1beta1.metrics.k8s.io")
            .get();
    assertThat(stored).isNotNull();
    assertThat(stored.getAdditionalProperties().get("spec").toString()).contains("metrics-server");
  }

  @Test
  void waits_for_a_monitoring_namespace_still_terminating_then_creates_its_own() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .endMetadata()
                .withNewStatus()
                .withPhase("Terminating")
                .endStatus()
                .build())
        .create();
    CompletableFuture<Void> finalizers =
        CompletableFuture.runAsync(
            () -> {
              sleep(700);
              client.namespaces().withName("monitoring").delete();
            });
    long started = System.nanoTime();

    ApplyReport setup = installer(StackProfile.MINIMAL).applySetup();

    finalizers.join();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(setup.entries())
        .filteredOn(e -> e.kind().equals("Namespace"))
        .singleElement()
        .extracting(ApplyReport.Entry::action)
        .isEqualTo(ApplyReport.Action.APPLIED);
    assertThat(client.namespaces().withName("monitoring").get().getMetadata().getLabels())
        .containsEntry("milvusmonitored.github.io/run-id", "run-1");
  }

  @Test
  void a_namespace_that_keeps_terminating_fails_within_the_step_deadline() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .endMetadata()
                .withNewStatus()
                .withPhase("Terminating")
                .endStatus()
                .build())
        .create();

    assertThatThrownBy(
            () ->
                installer(StackProfile.MINIMAL).withStepTimeout(Duration.ofSeconds(1)).applySetup())
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith("Namespace 'monitoring' was still Terminating after ")
        .hasMessageContaining("'kubectl get namespace monitoring -o yaml'");
    assertThat(sent)
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition alertmanagers.monitoring.coreos.com",
            "CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "CustomResourceDefinition servicemonitors.monitoring.coreos.com");
  }

  @Test
  void transient_server_errors_are_retried_within_the_deadline() {
    server
        .expect()
        .post()
        .withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles")
        .andReturn(
            503,
            new StatusBuilder().withCode(503).withMessage("etcdserver: leader changed").build())
        .once();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments")
        .andReturn(429, new StatusBuilder().withCode(429).withMessage("too many requests").build())
        .once();
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);

    installer.applySetup();
    ApplyReport stack = installer.applyStack();

    assertThat(stack.entries()).allMatch(e -> e.action() == ApplyReport.Action.APPLIED);
    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get()).isNotNull();
  }

  @Test
  void a_forbidden_call_fails_at_once_with_the_verb_the_resource_and_the_admin_command() {
    server
        .expect()
        .post()
        .withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "clusterroles.rbac.authorization.k8s.io is forbidden: User \"dev\" cannot create resource \"clusterroles\"")
                .build())
        .always();
    KubePrometheusInstaller installer =
        installer(StackProfile.MINIMAL).withStepTimeout(Duration.ofMinutes(5));
    installer.applySetup();
    long started = System.nanoTime();

    assertThatThrownBy(installer::applyStack)
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith(
            "The cluster forbade 'create' on ClusterRole 'prometheus-k8s' (HTTP 403: ")
        .hasMessageEndingWith(
            "ask an administrator to run:\n  kubectl apply --server-side -f manifests/prometheus-clusterRole.yaml");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unused")
  private static String object(HasMetadata r) {
    return r.getKind() + " " + r.getMetadata().getName();
  }
}
