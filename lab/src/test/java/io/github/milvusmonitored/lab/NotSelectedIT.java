package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.TargetStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third reason for "no Milvus targets", beside the RBAC symptom and a target down: the
 * ServiceMonitor exists but no Prometheus selects it. The Prometheus resource's
 * serviceMonitorSelector is set to kube-prometheus-stack's {@code release} label, the real operator
 * drops the Milvus job from the configuration it generates, and {@code targetStatus()} and the
 * diagnostics name the selector and the label that fixes it; with that label on the ServiceMonitor
 * the target is UP again.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class NotSelectedIT {

  /**
   * From the Prometheus resource's or ServiceMonitor's change to the configuration Prometheus runs:
   * the operator's reconcile (it watches both), the lab's one-second Secret copy, the reloader's
   * one-second comparison and the reload; then, for UP, discovery's send (up to 7.5 s in Prometheus
   * 3.12), the scrape reload tick (5 s), one scrape interval and its timeout.
   */
  static final Duration RECONFIGURED = Duration.ofMinutes(1);

  @Test
  void a_service_monitor_without_the_release_label_is_diagnosed_as_not_selected(
      Lab lab, @TempDir Path dir) throws Exception {
    KubernetesClient admin = lab.client();
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "not-selected"))) {
      MilvusMetrics metrics = env.milvusMetrics();
      assertThat(metrics.targetStatus().state()).isEqualTo(TargetStatus.State.UP);

      admin
          .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
          .inNamespace("monitoring")
          .withName("k8s")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"serviceMonitorSelector\":"
                  + "{\"matchLabels\":{\"release\":\"kube-prometheus-stack\"}}}}");
      long t0 = System.nanoTime();
      Awaitility.await("the Milvus job gone from Prometheus's configuration")
          .atMost(RECONFIGURED)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> metrics.targetStatus().state() == TargetStatus.State.NOT_SELECTED);
      System.out.printf(
          "NOT_SELECTED %.1f s after the selector changed (bound %d s)%n",
          (System.nanoTime() - t0) / 1e9, RECONFIGURED.toSeconds());

      TargetStatus status = metrics.targetStatus();
      assertThat(status.explanation())
          .startsWith(
              "ServiceMonitor milvus/my-release-milvus-standalone exists, but no Prometheus resource selects"
                  + " it, so no Prometheus has a scrape job for it (its labels {")
          .contains("app.kubernetes.io/instance=my-release")
          .endsWith(
              "). Prometheus monitoring/k8s: serviceMonitorSelector {matchLabels={release=kube-prometheus-stack}}"
                  + " excludes it; fix: give the ServiceMonitor the label release=kube-prometheus-stack (Milvus chart value"
                  + " metrics.serviceMonitor.additionalLabels: {release: kube-prometheus-stack}; with this library,"
                  + " MilvusReleaseConfig.Builder.withValues(..) or withValuesFile(..)).");
      Path diagnostics = env.writeDiagnostics(dir.resolve("diagnostics"));
      assertThat(Files.readString(diagnostics.resolve("summary.md")))
          .contains(
              "(NOT_SELECTED): ServiceMonitor milvus/my-release-milvus-standalone exists, but no Prometheus"
                  + " resource selects it")
          .contains("give the ServiceMonitor the label release=kube-prometheus-stack");
      assertThat(Files.readString(diagnostics.resolve("prometheus-targets.txt")))
          .contains("NOT_SELECTED");

      // The fix the diagnosis names (what the chart value metrics.serviceMonitor.additionalLabels
      // renders).
      admin
          .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
          .inNamespace("milvus")
          .withName("my-release-milvus-standalone")
          .edit(
              m -> {
                m.getMetadata().getLabels().put("release", "kube-prometheus-stack");
                return m;
              });
      long t1 = System.nanoTime();
      TargetStatus up = metrics.awaitTargetUp(RECONFIGURED);
      System.out.printf(
          "UP %.1f s after the label (bound %d s)%n",
          (System.nanoTime() - t1) / 1e9, RECONFIGURED.toSeconds());
      assertThat(up.state()).isEqualTo(TargetStatus.State.UP);
    }
  }
}
