package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.internal.Host;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EventConditions;

class DockerAbsenceTest {

  private static final Host NO_DOCKER = new Host(Map.of(), Map.of(), () -> false);

  @MilvusMonitored
  static class NeedsK3s {
    @Test
    void runs(MonitoredEnvironment environment) {}
  }

  @MilvusMonitored(disabledWithoutDocker = true)
  static class SkipsWithoutDocker {
    @Test
    void runs(MonitoredEnvironment environment) {}
  }

  @MilvusMonitored(kubeconfig = "lab.kubeconfig", disabledWithoutDocker = true)
  static class UsesAnExistingCluster {
    @Test
    void runs(MonitoredEnvironment environment) {}
  }

  @Test
  void k3s_without_docker_fails_naming_what_is_missing_and_the_options() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(NO_DOCKER, NeedsK3s.class);

    assertThat(EngineRuns.firstFailure(results))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "@MilvusMonitored needs Docker to start k3s (rancher/k3s:v1.35.0-k3s1)")
        .hasMessageContaining("start Docker")
        .hasMessageContaining("-Dmilvus.monitored.kubeconfig=<file>")
        .hasMessageContaining("disabledWithoutDocker = true");
    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(FakeEnvironmentFactory.started()).isEmpty();
  }

  @Test
  void disabled_without_docker_skips_the_class_with_the_reason() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(NO_DOCKER, SkipsWithoutDocker.class);

    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            EventConditions.event(
                EventConditions.container(SkipsWithoutDocker.class.getName()),
                EventConditions.skippedWithReason(
                    r -> r.startsWith("Disabled: Docker is not available to start k3s"))));
    assertThat(FakeEnvironmentFactory.started()).isEmpty();
  }

  @Test
  void environment_variable_can_disable_instead_of_failing() {
    FakeEnvironmentFactory.reset(Duration.ZERO);
    Host host =
        new Host(Map.of(), Map.of("MILVUS_MONITORED_DISABLED_WITHOUT_DOCKER", "true"), () -> false);

    var results = EngineRuns.run(host, NeedsK3s.class);

    results.containerEvents().skipped().assertThatEvents().hasSize(1);
    results.allEvents().failed().assertThatEvents().isEmpty();
  }

  @Test
  void existing_cluster_runs_without_docker() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    EngineRuns.assertAllSucceeded(EngineRuns.run(NO_DOCKER, UsesAnExistingCluster.class), 1);
  }
}
