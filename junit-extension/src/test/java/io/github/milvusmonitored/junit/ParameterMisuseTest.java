package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MilvusEndpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

class ParameterMisuseTest {

  /** Supplies strings, so a String parameter next to @MilvusMonitored must reach it. */
  static class StringResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == String.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return "from another resolver";
    }
  }

  @MilvusMonitored
  @ExtendWith(StringResolver.class)
  static class OtherTypesGoToOtherResolvers {
    @Test
    void gets_a_string(String text, MilvusEndpoint endpoint) {
      assertThat(text).isEqualTo("from another resolver");
      assertThat(endpoint).isNotNull();
    }
  }

  @MilvusMonitored
  static class UnsupportedTypeAlone {
    @Test
    void wants_a_thread(Thread thread) {}
  }

  @ExtendWith(MilvusMonitoredExtension.class)
  static class ExtensionWithoutAnnotation {
    @Test
    void wants_the_endpoint(MilvusEndpoint endpoint) {}
  }

  @Test
  void does_not_claim_types_it_does_not_supply() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    EngineRuns.assertAllSucceeded(
        EngineRuns.run(EngineRuns.host(Map.of()), OtherTypesGoToOtherResolvers.class), 1);

    var results = EngineRuns.run(EngineRuns.host(Map.of()), UnsupportedTypeAlone.class);
    assertThat(EngineRuns.firstFailure(results))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("No ParameterResolver registered for parameter [java.lang.Thread");
  }

  @Test
  void supported_type_on_a_class_without_the_annotation_fails_clearly() {
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(EngineRuns.host(Map.of()), ExtensionWithoutAnnotation.class);

    assertThat(EngineRuns.firstFailure(results))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Cannot supply a MilvusEndpoint to parameter 'endpoint' of method wants_the_endpoint(..): the"
                + " test class is not annotated with @MilvusMonitored (directly, through a composed annotation or an"
                + " enclosing class). Add @MilvusMonitored to the class; registering MilvusMonitoredExtension alone"
                + " does not say which environment to start.");
    assertThat(FakeEnvironmentFactory.started()).isEmpty();
  }
}
