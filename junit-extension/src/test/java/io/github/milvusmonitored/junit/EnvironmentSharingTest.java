package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EnvironmentSharingTest {

  static final Set<MonitoredEnvironment> SEEN = ConcurrentHashMap.newKeySet();
  static final Map<String, Integer> CLOSES_SEEN_DURING_RUN = new ConcurrentHashMap<>();

  abstract static class Recording {
    @Test
    void records(MonitoredEnvironment environment) throws InterruptedException {
      SEEN.add(environment);
      CLOSES_SEEN_DURING_RUN.put(
          getClass().getSimpleName(), ((FakeEnvironment) environment).closes());
      Thread.sleep(100);
    }
  }

  @MilvusMonitored
  static class First extends Recording {}

  @MilvusMonitored
  static class Second extends Recording {}

  @MilvusMonitored
  static class Third extends Recording {}

  @MilvusMonitored
  static class Fourth extends Recording {}

  @MilvusMonitored(scrapeInterval = "15s", scrapeTimeout = "5s")
  static class OtherConfiguration extends Recording {}

  @Test
  void classes_with_one_configuration_share_one_environment_closed_when_the_run_ends() {
    SEEN.clear();
    CLOSES_SEEN_DURING_RUN.clear();
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(EngineRuns.host(Map.of()), First.class, Second.class);

    EngineRuns.assertAllSucceeded(results, 2);
    assertThat(FakeEnvironmentFactory.started()).hasSize(1);
    assertThat(SEEN).hasSize(1);
    assertThat(CLOSES_SEEN_DURING_RUN).containsOnly(Map.entry("First", 0), Map.entry("Second", 0));
    assertThat(FakeEnvironmentFactory.started().get(0).closes()).isEqualTo(1);
  }

  @Test
  void starts_the_environment_once_when_classes_run_in_parallel() {
    SEEN.clear();
    CLOSES_SEEN_DURING_RUN.clear();
    FakeEnvironmentFactory.reset(Duration.ofMillis(500));

    var results =
        EngineRuns.run(
            EngineRuns.host(Map.of()),
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
            First.class,
            Second.class,
            Third.class,
            Fourth.class);

    EngineRuns.assertAllSucceeded(results, 4);
    assertThat(FakeEnvironmentFactory.started()).hasSize(1);
    assertThat(SEEN).hasSize(1);
    assertThat(FakeEnvironmentFactory.started().get(0).closes()).isEqualTo(1);
  }

  @Test
  void another_configuration_gets_an_environment_of_its_own_and_both_are_closed() {
    SEEN.clear();
    CLOSES_SEEN_DURING_RUN.clear();
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results =
        EngineRuns.run(
            EngineRuns.host(Map.of()), First.class, OtherConfiguration.class, Second.class);

    EngineRuns.assertAllSucceeded(results, 3);
    assertThat(FakeEnvironmentFactory.started()).hasSize(2);
    assertThat(FakeEnvironmentFactory.started())
        .extracting(e -> e.config().milvus().serviceMonitorInterval())
        .containsExactlyInAnyOrder(Duration.ofSeconds(30), Duration.ofSeconds(15));
    assertThat(SEEN).hasSize(2);
    assertThat(FakeEnvironmentFactory.started())
        .allSatisfy(e -> assertThat(e.closes()).isEqualTo(1));
  }
}
