package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.internal.Host;
import io.github.milvusmonitored.stack.StackProfile;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ConfigurationThroughEngineTest {

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @MilvusMonitored(stackProfile = "full", scrapeInterval = "15s", scrapeTimeout = "5s")
  @interface FullStackFastScrape {}

  @FullStackFastScrape
  static class Composed {
    @Test
    void runs(MonitoredEnvironment environment) {
      assertThat(environment).isNotNull();
    }
  }

  @FullStackFastScrape
  abstract static class ComposedBase {}

  static class InheritsTheAnnotation extends ComposedBase {
    @Test
    void runs(MonitoredEnvironment environment) {
      assertThat(environment).isNotNull();
    }
  }

  @MilvusMonitored(kubeconfig = "lab.kubeconfig", context = "lab")
  static class ExistingCluster {
    @Test
    void runs(MonitoredEnvironment environment) {
      assertThat(environment).isNotNull();
    }
  }

  @Test
  void composed_annotation_configures_the_environment() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    EngineRuns.assertAllSucceeded(EngineRuns.run(EngineRuns.host(Map.of()), Composed.class), 1);

    EnvironmentConfig config = FakeEnvironmentFactory.started().get(0).config();
    assertThat(config.stackProfile()).isEqualTo(StackProfile.FULL);
    assertThat(config.milvus().serviceMonitorInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.milvus().scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void annotation_is_inherited_from_a_superclass() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    EngineRuns.assertAllSucceeded(
        EngineRuns.run(EngineRuns.host(Map.of()), InheritsTheAnnotation.class), 1);

    assertThat(FakeEnvironmentFactory.started().get(0).config().stackProfile())
        .isEqualTo(StackProfile.FULL);
  }

  @Test
  void system_property_beats_the_annotation_and_environment_variable_beats_both() {
    FakeEnvironmentFactory.reset(Duration.ZERO);
    Host host =
        new Host(
            Map.of(
                "milvus.monitored.scrapeInterval",
                "20s",
                "milvus.monitored.stackProfile",
                "minimal"),
            Map.of("MILVUS_MONITORED_SCRAPE_INTERVAL", "1m"),
            () -> true);

    EngineRuns.assertAllSucceeded(EngineRuns.run(host, Composed.class), 1);

    EnvironmentConfig config = FakeEnvironmentFactory.started().get(0).config();
    assertThat(config.milvus().serviceMonitorInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.stackProfile()).isEqualTo(StackProfile.MINIMAL);
    assertThat(config.milvus().scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void kubeconfig_selects_an_existing_cluster() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    EngineRuns.assertAllSucceeded(
        EngineRuns.run(EngineRuns.host(Map.of()), ExistingCluster.class), 1);

    assertThat(FakeEnvironmentFactory.started().get(0).config().cluster())
        .isEqualTo(new ClusterChoice.Existing(Path.of("lab.kubeconfig"), "lab"));
  }

  @Test
  void unknown_setting_fails_the_class_naming_the_closest_key() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results =
        EngineRuns.run(
            EngineRuns.host(Map.of("milvus.monitored.scrapeIntervall", "15s")), Composed.class);

    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(EngineRuns.firstFailure(results))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("system property milvus.monitored.scrapeIntervall")
        .hasMessageContaining("Did you mean milvus.monitored.scrapeInterval?");
    assertThat(FakeEnvironmentFactory.started()).isEmpty();
  }

  @Test
  void invalid_duration_fails_the_class_naming_key_value_and_source() {
    FakeEnvironmentFactory.reset(Duration.ZERO);
    Host host =
        new Host(Map.of(), Map.of("MILVUS_MONITORED_FIRST_SAMPLE_TIMEOUT", "soon"), () -> true);

    var results = EngineRuns.run(host, Composed.class);

    assertThat(EngineRuns.firstFailure(results))
        .hasMessageContaining(
            "Invalid @MilvusMonitored setting firstSampleTimeout = 'soon' from environment variable"
                + " MILVUS_MONITORED_FIRST_SAMPLE_TIMEOUT");
    assertThat(FakeEnvironmentFactory.started()).isEmpty();
  }
}
