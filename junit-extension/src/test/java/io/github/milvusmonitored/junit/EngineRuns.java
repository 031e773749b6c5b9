package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.milvusmonitored.junit.internal.Host;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs test classes nested in these tests on the Jupiter engine, with the host's system properties,
 * environment variables and Docker availability replaced.
 */
final class EngineRuns {

  private EngineRuns() {}

  /** A host with these system properties, no environment variables, and Docker available. */
  static Host host(Map<String, String> properties) {
    return new Host(properties, Map.of(), () -> true);
  }

  static EngineExecutionResults run(Host host, Class<?>... classes) {
    return run(host, Map.of(), classes);
  }

  static EngineExecutionResults run(
      Host host, Map<String, String> parameters, Class<?>... classes) {
    try (AutoCloseable ignored = Host.override(host)) {
      return EngineTestKit.engine("junit-jupiter")
          .selectors(
              Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
          .configurationParameters(parameters)
          .execute();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts that {@code count} tests ran and all succeeded, showing the failures otherwise. */
  static void assertAllSucceeded(EngineExecutionResults results, int count) {
    String failures =
        results.allEvents().stream()
            .filter(
                e ->
                    e.getPayload(TestExecutionResult.class)
                        .filter(r -> r.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                        .isPresent())
            .map(EngineRuns::describe)
            .collect(Collectors.joining("\n"));
    assertThat(failures).as("failures").isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(count).succeeded(count).failed(0));
  }

  /** The first throwable reported for a container or test that did not succeed. */
  static Throwable firstFailure(EngineExecutionResults results) {
    return results.allEvents().stream()
        .map(
            e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
        .flatMap(java.util.Optional::stream)
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing failed"));
  }

  private static String describe(Event event) {
    return event.getTestDescriptor().getDisplayName()
        + ": "
        + event
            .getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable)
            .map(Throwable::toString)
            .orElse("?");
  }
}
