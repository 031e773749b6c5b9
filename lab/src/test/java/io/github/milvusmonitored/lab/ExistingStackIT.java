package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.StackMode;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.stack.AppliedRules;
import io.github.milvusmonitored.stack.RunOwnership;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that runs kube-prometheus-stack (its objects as the chart makes them, run by the lab's
 * real operator v0.92.0 and Prometheus 3.12): with {@code stack=existing} the library installs
 * nothing of a stack, uses the release's Prometheus, whose serviceMonitorSelector asks for {@code
 * release: kube-prometheus-stack}, gives the chart's ServiceMonitor that label, adds no RBAC (the
 * stack's ClusterRole already grants discovery), labels an applied PrometheusRule for the
 * ruleSelector, and after close leaves the stack as it was.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExistingStackIT {

  private static final String NS = KubePrometheusStackObjects.NAMESPACE;

  @Test
  void uses_a_kube_prometheus_stack_through_its_release_selector_and_leaves_it_as_it_was(
      Lab lab, @TempDir Path dir) throws Exception {
    KubernetesClient admin = lab.client();
    KubePrometheusStackObjects.install(admin);
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    ObjectState prometheus =
        ObjectState.of(
                admin,
                "monitoring.coreos.com/v1",
                "Prometheus",
                NS,
                KubePrometheusStackObjects.PROMETHEUS,
                "spec")
            .ignoringResourceVersion();
    ObjectState role =
        ObjectState.of(
            admin,
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            null,
            KubePrometheusStackObjects.PROMETHEUS,
            "rules");
    ObjectState operator =
        ObjectState.of(
                admin, "apps/v1", "Deployment", NS, KubePrometheusStackObjects.OPERATOR, "spec")
            .ignoringResourceVersion();
    Path ruleFile = Files.writeString(dir.resolve("milvus-alerts.yaml"), AlertFiringIT.RULES);

    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "existing-stack").withStack(StackMode.EXISTING))) {
      assertThat(admin.apps().deployments().inAnyNamespace().list().getItems())
          .filteredOn(
              d ->
                  d.getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .getImage()
                      .contains("prometheus-operator/prometheus-operator"))
          .extracting(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
          .as("no second operator")
          .containsExactly(NS + "/" + KubePrometheusStackObjects.OPERATOR);
      GenericKubernetesResource monitor =
          admin
              .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
              .inNamespace("milvus")
              .withName("my-release-milvus-standalone")
              .get();
      assertThat(monitor.getMetadata().getLabels())
          .as("the label the release's Prometheus selects")
          .containsEntry("release", KubePrometheusStackObjects.RELEASE);
      assertThat(env.prometheus().baseUri().getPath())
          .contains(
              "/namespaces/monitoring/services/kube-prometheus-stack-prometheus:http-web/proxy");
      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);
      assertThat(
              admin
                  .rbac()
                  .roles()
                  .inNamespace("milvus")
                  .withName("milvus-monitored-prometheus-discovery")
                  .get())
          .as("no RBAC added: the stack's ClusterRole grants discovery everywhere")
          .isNull();

      AppliedRules rules = env.applyRules(ruleFile);
      GenericKubernetesResource rule =
          admin
              .genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
              .inNamespace("milvus")
              .withName(rules.name())
              .get();
      assertThat(rule.getMetadata().getLabels())
          .containsEntry("release", KubePrometheusStackObjects.RELEASE)
          .containsKey(RunOwnership.RUN_ID_LABEL);
      assertThatAlert(env.milvusMetrics(), "MilvusSearchFailing")
          .eventually(AlertFiringIT.RULE_LOADED)
          .isInactive();
      assertThat(env.prometheus().rules().groups())
          .singleElement()
          .satisfies(
              g ->
                  assertThat(g.file())
                      .contains("prometheus-kube-prometheus-stack-prometheus-rulefiles-0/"));
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
    assertThat(
            ObjectState.of(
                    admin,
                    "monitoring.coreos.com/v1",
                    "Prometheus",
                    NS,
                    KubePrometheusStackObjects.PROMETHEUS,
                    "spec")
                .ignoringResourceVersion())
        .isEqualTo(prometheus);
    assertThat(
            ObjectState.of(
                admin,
                "rbac.authorization.k8s.io/v1",
                "ClusterRole",
                null,
                KubePrometheusStackObjects.PROMETHEUS,
                "rules"))
        .isEqualTo(role);
    assertThat(
            ObjectState.of(
                    admin, "apps/v1", "Deployment", NS, KubePrometheusStackObjects.OPERATOR, "spec")
                .ignoringResourceVersion())
        .isEqualTo(operator);
  }

  @Test
  void grants_discovery_the_stacks_prometheus_lacks_with_a_role_of_the_run_and_removes_it(Lab lab) {
    KubernetesClient admin = lab.client();
    KubePrometheusStackObjects.install(admin, false);
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    ObjectState role =
        ObjectState.of(
            admin,
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            null,
            KubePrometheusStackObjects.PROMETHEUS,
            "rules");

    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "existing-stack-rbac").withStack(StackMode.EXISTING))) {
      var granted =
          admin
              .rbac()
              .roleBindings()
              .inNamespace("milvus")
              .withName("milvus-monitored-prometheus-discovery")
              .get();
      assertThat(granted).as("a RoleBinding of the run for the stack's ServiceAccount").isNotNull();
      assertThat(granted.getMetadata().getLabels()).containsKey(RunOwnership.RUN_ID_LABEL);
      assertThat(granted.getSubjects())
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.getNamespace() + "/" + s.getName())
                      .isEqualTo(NS + "/" + KubePrometheusStackObjects.PROMETHEUS));
      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state())
          .as("discovered through the run's Role: " + status.summary())
          .isEqualTo(TargetStatus.State.UP);
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
    assertThat(
            ObjectState.of(
                admin,
                "rbac.authorization.k8s.io/v1",
                "ClusterRole",
                null,
                KubePrometheusStackObjects.PROMETHEUS,
                "rules"))
        .as("the stack's role, never edited")
        .isEqualTo(role);
  }
}
