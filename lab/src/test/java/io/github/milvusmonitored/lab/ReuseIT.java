package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.metrics.TargetStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second start on a cluster whose stack and release are healthy finds them and is ready in
 * seconds.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ReuseIT {

  @Test
  void a_second_start_finds_the_healthy_stack_and_release(Lab lab) {
    EnvironmentConfig config = LabConfigs.environment(lab, "reuse").withKeepInstalled(true);
    Duration fresh;
    try (MonitoredEnvironment first = MonitoredEnvironments.start(config)) {
      fresh = first.timingReport().total();
      assertThat(first.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
    }
    try (MonitoredEnvironment second =
        MonitoredEnvironments.start(config.withKeepInstalled(false))) {
      Duration reused = second.timingReport().total();
      System.out.printf(
          "fresh start %d ms, reused start %d ms%n", fresh.toMillis(), reused.toMillis());
      for (PhaseTiming phase : second.timingReport().phases()) {
        System.out.printf(
            "  reused phase %-28s %-7s %6d ms %s%n",
            phase.name(), phase.outcome(), phase.duration().toMillis(), phase.detail());
      }
      assertThat(second.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
      assertThat(reused).as("reused start").isLessThan(Duration.ofSeconds(15)).isLessThan(fresh);
    }
  }
}
