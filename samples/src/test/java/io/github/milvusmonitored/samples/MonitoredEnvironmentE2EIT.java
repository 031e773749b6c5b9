package io.github.milvusmonitored.samples;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.TargetStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The library without JUnit's extension: k3s, kube-prometheus (minimal profile) with the RBAC
 * patch, Milvus standalone with its ServiceMonitor, and the first Milvus sample in Prometheus.
 */
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class MonitoredEnvironmentE2EIT {

  @Test
  void milvus_metrics_reach_prometheus_on_a_fresh_k3s() {
    // A folder of its own, so its timing report is not overwritten by the @MilvusMonitored
    // environment's.
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withReportDirectory(Path.of("target", "milvus-monitored", "library-e2e"));
    try (MonitoredEnvironment env = MonitoredEnvironments.start(config)) {
      MilvusMetrics milvus = env.milvusMetrics();

      assertThat(milvus.targetStatus().state()).isEqualTo(TargetStatus.State.UP);
      assertThat(milvus.presentMetricNames())
          .contains("milvus_build_info", "milvus_runtime_info", "milvus_num_node");
      assertThatMetric(milvus, "milvus_build_info{version=\"v2.6.15\"}")
          .eventually(Duration.ofMinutes(1))
          .isPresent();
      assertThatMetric(milvus, "max(process_resident_memory_bytes{component=\"standalone\"})")
          .isPositive();
      assertThat(env.timingReport().phases())
          .extracting(PhaseTiming::name)
          .containsSubsequence(
              "cluster up",
              "CRDs Established",
              "Prometheus ready",
              "Milvus target up",
              "first milvus_ sample");
      assertThat(env.config().reportDirectory().resolve("timing-report.json")).exists();
    }
  }
}
