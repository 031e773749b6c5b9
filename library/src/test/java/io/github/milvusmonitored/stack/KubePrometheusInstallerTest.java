package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.github.milvusmonitored.stack.internal.CrdEstablishedWaiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubePrometheusInstallerTest {

  private static final List<String> CRDS =
      List.of(
          "alertmanagers.monitoring.coreos.com",
          "prometheuses.monitoring.coreos.com",
          "servicemonitors.monitoring.coreos.com");

  KubernetesClient client;
  KubernetesMockServer server;

  private final List<String> sent = new CopyOnWriteArrayList<>();

  /** Create-or-replace (the mock has no server-side apply), recording what reaches the server. */
  private final ResourceApplier recording =
      ResourceApplier.of(
          "recording",
          "create",
          (c, r) -> {
            sent.add(object(r));
            return ResourceApplier.CREATE_OR_REPLACE.apply(c, r);
          });

  @Test
  void installs_setup_then_stack_in_file_order_then_patches_rbac() {
    CompletableFuture<Void> apiServer =
        CompletableFuture.runAsync(this::establishCrdsWhenTheyAppear);

    ApplyReport report = installer(StackProfile.MINIMAL).install(Duration.ofSeconds(10));

    apiServer.join();
    // The CRDs are sent together (in any order among themselves), before the rest in file order.
    assertThat(sent.subList(0, 3))
        .containsExactlyInAnyOrder(
            "CustomResourceDefinition alertmanagers.monitoring.coreos.com",
            "CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "CustomResourceDefinition servicemonitors.monitoring.coreos.com");
    List<String> expected =
        List.of(
            "Namespace monitoring",
            "ClusterRole prometheus-k8s",
            "Prometheus monitoring/k8s",
            "ServiceAccount monitoring/prometheus-k8s",
            "Deployment monitoring/prometheus-operator");
    assertThat(sent.subList(3, sent.size())).containsExactlyElementsOf(expected);
    assertThat(report.entries(ApplyReport.Phase.SETUP))
        .hasSize(4)
        .allMatch(e -> e.action() == ApplyReport.Action.APPLIED);
    assertThat(report.entries(ApplyReport.Phase.STACK))
        .extracting(ApplyReport.Entry::file)
        .containsExactly(
            "manifests/prometheus-clusterRole.yaml", "manifests/prometheus-prometheus.yaml",
            "manifests/prometheus-serviceAccount.yaml",
                "manifests/prometheusOperator-deployment.yaml");
    assertThat(report.entries(ApplyReport.Phase.RBAC))
        .singleElement()
        .hasToString("RBAC PATCHED ClusterRole prometheus-k8s (PrometheusRbacPatch)");
    assertThat(report.objects())
        .as("the report lists every object in file order")
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(
                    List.of(
                        "CustomResourceDefinition alertmanagers.monitoring.coreos.com",
                        "CustomResourceDefinition prometheuses.monitoring.coreos.com",
                        "CustomResourceDefinition servicemonitors.monitoring.coreos.com"),
                    expected,
                    List.of("ClusterRole prometheus-k8s"))
                .flatMap(List::stream)
                .toList());
  }

  @Test
  void a_crd_that_exists_already_is_kept_and_the_report_keeps_file_order() {
    installer(StackProfile.MINIMAL).applySetup(); // an earlier install, of which one CRD is left
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("alertmanagers.monitoring.coreos.com")
        .delete();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("servicemonitors.monitoring.coreos.com")
        .delete();
    client.namespaces().withName("monitoring").delete();
    sent.clear();

    ApplyReport report = installer(StackProfile.MINIMAL).applySetup();

    assertThat(report.entries(ApplyReport.Phase.SETUP))
        .extracting(e -> e.action() + " " + e.object())
        .containsExactly(
            "APPLIED CustomResourceDefinition alertmanagers.monitoring.coreos.com",
            "KEPT CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "APPLIED CustomResourceDefinition servicemonitors.monitoring.coreos.com",
            "APPLIED Namespace monitoring");
    assertThat(sent).doesNotContain("CustomResourceDefinition prometheuses.monitoring.coreos.com");
  }

  @Test
  void minimal_stores_one_prometheus_replica_without_alerting_and_skips_other_components() {
    CompletableFuture.runAsync(this::establishCrdsWhenTheyAppear);

    installer(StackProfile.MINIMAL).install(Duration.ofSeconds(10));

    Prometheus stored =
        client.resources(Prometheus.class).inNamespace("monitoring").withName("k8s").get();
    assertThat(stored.getSpec().getReplicas()).isEqualTo(1);
    assertThat(stored.getSpec().getAlerting()).isNull();
    assertThat(client.apps().daemonSets().inNamespace("monitoring").withName("node-exporter").get())
        .isNull();
    assertThat(client.network().networkPolicies().inNamespace("monitoring").list().getItems())
        .isEmpty();
  }

  @Test
  void full_applies_every_manifest_as_published() {
    KubePrometheusInstaller installer = installer(StackProfile.FULL);
    installer.applySetup();

    ApplyReport stack = installer.applyStack();

    assertThat(stack.objects())
        .containsExactly(
            "Alertmanager monitoring/main",
            "ConfigMap monitoring/grafana-dashboard-alertmanager-overview",
            "ConfigMap monitoring/grafana-dashboard-apiserver",
            "DaemonSet monitoring/node-exporter",
            "ClusterRole prometheus-k8s",
            "NetworkPolicy monitoring/prometheus-k8s",
            "Prometheus monitoring/k8s",
            "ServiceAccount monitoring/prometheus-k8s",
            "APIService v1beta1.metrics.k8s.io",
            "Deployment monitoring/prometheus-operator");
    assertThat(
            client
                .resources(Prometheus.class)
                .inNamespace("monitoring")
                .withName("k8s")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
  }

  @Test
  void waits_until_every_crd_is_established() {
    KubePrometheusInstaller installer =
        installer(StackProfile.MINIMAL).withPollInterval(Duration.ofMillis(50));
    installer.applySetup();
    long started = System.nanoTime();
    CompletableFuture<Void> later =
        CompletableFuture.runAsync(
            () -> {
              sleep(400);
              CRDS.forEach(this::markEstablished);
            });

    installer.awaitCrdsEstablished(Duration.ofSeconds(10));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(later).isDone();
    assertThat(installer.crdNames()).containsExactlyElementsOf(CRDS);
  }

  @Test
  void times_out_naming_the_crds_not_established() {
    KubePrometheusInstaller installer =
        installer(StackProfile.MINIMAL).withPollInterval(Duration.ofMillis(50));
    installer.applySetup();
    markEstablished("alertmanagers.monitoring.coreos.com");

    assertThatThrownBy(() -> installer.awaitCrdsEstablished(Duration.ofSeconds(1)))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith(
            "2 of 3 kube-prometheus CRDs were not Established within 1 s: "
                + "[prometheuses.monitoring.coreos.com, servicemonitors.monitoring.coreos.com]")
        .hasMessageContaining("'kubectl get crd prometheuses.monitoring.coreos.com -o yaml'")
        .hasMessageContaining(
            "\n  prometheuses.monitoring.coreos.com: NamesAccepted not reported, Established not"
                + " reported\n");
  }

  @Test
  void
      a_crd_left_installing_after_its_names_were_accepted_is_touched_so_that_the_api_server_establishes_it() {
    KubePrometheusInstaller installer =
        installer(StackProfile.MINIMAL).withPollInterval(Duration.ofMillis(50));
    installer.applySetup();
    CRDS.forEach(this::markEstablished);
    String stuck = "prometheuses.monitoring.coreos.com";
    markInstalling(stuck);
    // What kube-apiserver's establishing controller does: it looks at a CRD again only when the CRD
    // is updated.
    CompletableFuture<Void> establishingController =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
              while (System.nanoTime() < deadline) {
                CustomResourceDefinition crd =
                    client.apiextensions().v1().customResourceDefinitions().withName(stuck).get();
                if (crd.getMetadata().getAnnotations() != null
                    && crd.getMetadata()
                        .getAnnotations()
                        .containsKey(CrdEstablishedWaiter.NUDGE_ANNOTATION)) {
                  markEstablished(stuck);
                  return;
                }
                sleep(20);
              }
            });

    CrdEstablishedWaiter.await(
        client,
        CRDS,
        Duration.ofSeconds(10),
        Duration.ofMillis(50),
        Duration.ofSeconds(10),
        Duration.ofMillis(300));

    // The waiter returns once it sees the CRD Established, which can be before the controller's
    // task has returned.
    assertThat(establishingController).succeedsWithin(Duration.ofSeconds(5));
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(stuck)
                .get()
                .getMetadata()
                .getAnnotations())
        .containsKey(CrdEstablishedWaiter.NUDGE_ANNOTATION);
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("servicemonitors.monitoring.coreos.com")
                .get()
                .getMetadata()
                .getAnnotations())
        .as("an Established CRD is not touched")
        .doesNotContainKey(CrdEstablishedWaiter.NUDGE_ANNOTATION);
  }

  @Test
  void a_crd_that_stays_installing_is_reported_with_its_conditions() {
    KubePrometheusInstaller installer =
        installer(StackProfile.MINIMAL).withPollInterval(Duration.ofMillis(50));
    installer.applySetup();
    CRDS.forEach(this::markEstablished);
    markInstalling("prometheuses.monitoring.coreos.com");

    assertThatThrownBy(
            () ->
                CrdEstablishedWaiter.await(
                    client,
                    CRDS,
                    Duration.ofSeconds(1),
                    Duration.ofMillis(50),
                    Duration.ofSeconds(10),
                    Duration.ofMillis(200)))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith(
            "1 of 3 kube-prometheus CRDs were not Established within 1 s:"
                + " [prometheuses.monitoring.coreos.com].\n  prometheuses.monitoring.coreos.com: NamesAccepted=True"
                + " (NoConflicts: no conflicts found), Established=False (Installing: the initial names have been"
                + " accepted)\nLikely cause: ");
  }

  @Test
  void teardown_deletes_stack_then_setup_in_reverse_order_ignoring_missing_objects() {
    CompletableFuture.runAsync(this::establishCrdsWhenTheyAppear);
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installer.install(Duration.ofSeconds(10));

    ApplyReport teardown = installer.teardown();

    assertThat(teardown.objects())
        .containsExactly(
            "Deployment monitoring/prometheus-operator",
            "ServiceAccount monitoring/prometheus-k8s",
            "Prometheus monitoring/k8s",
            "ClusterRole prometheus-k8s",
            "Namespace monitoring",
            "CustomResourceDefinition servicemonitors.monitoring.coreos.com",
            "CustomResourceDefinition prometheuses.monitoring.coreos.com",
            "CustomResourceDefinition alertmanagers.monitoring.coreos.com");
    assertThat(teardown.entries())
        .allMatch(
            e ->
                e.action() == ApplyReport.Action.DELETED
                    && e.phase() == ApplyReport.Phase.TEARDOWN);
    assertThat(client.rbac().clusterRoles().withName("prometheus-k8s").get()).isNull();
    assertThat(client.apps().deployments().inNamespace("monitoring").list().getItems()).isEmpty();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    assertThat(client.namespaces().withName("monitoring").get()).isNull();
    assertThat(installer.teardown().entries())
        .allMatch(e -> e.action() == ApplyReport.Action.NOT_FOUND);
  }

  @Test
  void reports_a_forbidden_apply_with_the_verb_the_object_and_the_admin_command() {
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
    KubePrometheusInstaller installer = installer(StackProfile.MINIMAL);
    installer.applySetup();

    assertThatThrownBy(installer::applyStack)
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining(
            "The cluster forbade 'create' on ClusterRole 'prometheus-k8s' (HTTP 403: "
                + "clusterroles.rbac.authorization.k8s.io is forbidden: User \"dev\" cannot create resource \"clusterroles\")")
        .hasMessageContaining("needs cluster-admin rights")
        .hasMessageEndingWith(
            "ask an administrator to run:\n  kubectl apply --server-side -f manifests/prometheus-clusterRole.yaml");
  }

  private KubePrometheusInstaller installer(StackProfile profile) {
    return KubePrometheusInstaller.create(client, Fixture.manifests())
        .withProfile(profile)
        .withApplier(recording)
        .withPollInterval(Duration.ofMillis(50));
  }

  /** What a real API server does shortly after a CRD is created. */
  private void establishCrdsWhenTheyAppear() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> waiting = new CopyOnWriteArrayList<>(CRDS);
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      for (String name : waiting) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
          markEstablished(name);
          waiting.remove(name);
        }
      }
      sleep(20);
    }
  }

  private void markInstalling(String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    crd.setStatus(
        new CustomResourceDefinitionStatusBuilder()
            .withConditions(
                new CustomResourceDefinitionConditionBuilder()
                    .withType("NamesAccepted")
                    .withStatus("True")
                    .withReason("NoConflicts")
                    .withMessage("no conflicts found")
                    .build(),
                new CustomResourceDefinitionConditionBuilder()
                    .withType("Established")
                    .withStatus("False")
                    .withReason("Installing")
                    .withMessage("the initial names have been accepted")
                    .build())
            .build());
    client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
  }

  private void markEstablished(String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    crd.setStatus(
        new CustomResourceDefinitionStatusBuilder()
            .withConditions(
                new CustomResourceDefinitionConditionBuilder()
                    .withType("Established")
                    .withStatus("True")
                    .build())
            .build());
    client.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
  }

  private static String object(HasMetadata r) {
    String ns = r.getMetadata().getNamespace();
    return r.getKind() + " " + (ns == null ? "" : ns + "/") + r.getMetadata().getName();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
