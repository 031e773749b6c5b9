package io.github.milvusmonitored.samples;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.stack.ApplyReport;
import io.github.milvusmonitored.stack.PrometheusRbacPatch;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproduces the "Milvus target absent" symptom of the monitoring guide on purpose: kube-prometheus
 * without the RBAC patch turns Milvus's ServiceMonitor into a scrape pool, but Prometheus may not
 * discover anything in Milvus's namespace. Then applies the fix and watches the target come up.
 *
 * <p>Uses the library directly, because the configuration (no RBAC patch) is one no other class
 * shares; it starts its own k3s cluster, so it costs a full environment start.
 */
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class RbacSymptomSampleIT {

  private static final Logger LOG = LoggerFactory.getLogger(RbacSymptomSampleIT.class);

  @Test
  void target_is_absent_without_the_rbac_patch_and_up_once_it_is_applied() {
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withRbacPatch(false)
            .withReportDirectory(Path.of("target", "milvus-monitored", "rbac-symptom"));

    try (MonitoredEnvironment env = MonitoredEnvironments.start(config)) {
      MilvusMetrics milvus = env.milvusMetrics();

      // First NO_SCRAPE_POOL until the operator has generated the job from the ServiceMonitor.
      TargetStatus absent =
          await("scrape pool of the Milvus ServiceMonitor generated")
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofSeconds(5))
              .until(milvus::targetStatus, s -> s.state() == TargetStatus.State.NO_ACTIVE_TARGETS);
      LOG.info("Diagnosis without the RBAC patch:\n{}", absent.summary());
      assertThat(absent.scrapePools())
          .isNotEmpty()
          .allSatisfy(
              pool ->
                  assertThat(pool)
                      .startsWith("serviceMonitor/" + milvus.release().namespace() + "/"));
      assertThat(absent.explanation())
          .contains("RBAC symptom")
          .contains("discovery.k8s.io/endpointslices")
          .contains(PrometheusRbacPatch.kubectlCommand());
      assertThatMetric(env.prometheus(), "up{namespace=\"" + milvus.release().namespace() + "\"}")
          .isAbsent();

      ApplyReport patched = PrometheusRbacPatch.apply(env.kubernetesClient());
      assertThat(patched.entries())
          .extracting(ApplyReport.Entry::action)
          .containsExactly(ApplyReport.Action.PATCHED);

      // Prometheus's discovery retries its forbidden list calls with a backoff, then finds the
      // Service.
      TargetStatus up = milvus.awaitTargetUp(Duration.ofMinutes(5));
      LOG.info("Diagnosis after the RBAC patch:\n{}", up.summary());
      assertThat(up.targets()).isNotEmpty();
      assertThatMetric(milvus, "sum(" + milvus.release().select("up") + ")")
          .eventually(Duration.ofMinutes(2))
          .isGreaterThanOrEqualTo(1);
    }
  }
}
