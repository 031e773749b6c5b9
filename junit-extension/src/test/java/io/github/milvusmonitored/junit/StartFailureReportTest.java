package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.cluster.ClusterException;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What a class reports when the environment does not start: one paragraph (what failed, why, what
 * to do, where the diagnostics are), then the cause chain once, for every class of the
 * configuration, from one start.
 */
class StartFailureReportTest {

  @MilvusMonitored
  static class First {
    @Test
    void needs_the_environment() {}
  }

  @MilvusMonitored
  static class Second {
    @Test
    void needs_it_too() {}
  }

  /**
   * The library's failed Milvus phase: each wrapper repeats Helm's words, as the real exceptions
   * do.
   */
  private static EnvironmentStartException milvusInstallTimedOut(Path reports) {
    IllegalStateException helm = new IllegalStateException("context deadline exceeded");
    MilvusReleaseException release =
        new MilvusReleaseException(
            "Helm could not install Milvus release"
                + " 'my-release' in namespace 'milvus' (waiting up to 600 s for readiness): context deadline exceeded. The"
                + " half-installed release 'my-release' was uninstalled. Likely causes: images that cannot be pulled, too"
                + " little memory or CPU for the pods, or persistent volumes that cannot be bound. Look with `kubectl -n"
                + " milvus get pods,pvc` and `kubectl -n milvus describe pods`.",
            helm);
    Path diagnostics = reports.resolve("startup-failure");
    return new EnvironmentStartException(
        "The monitored environment did not come up: phase 'Milvus ready' failed: "
            + release.getMessage()
            + "\n  Diagnostics (pods, events, targets, logs of unready pods): "
            + diagnostics.toAbsolutePath()
            + "\n  Timing report: "
            + reports.resolve("timing-report.json").toAbsolutePath()
            + "\n  What this run installed was removed; set keepOnFailure to keep it for inspection.",
        "Milvus ready",
        diagnostics,
        release);
  }

  @Test
  void a_failed_phase_is_one_paragraph_then_the_cause_chain_once_for_every_class(
      @TempDir Path reports) throws Exception {
    Files.writeString(reports.resolve("timing-report.json"), "{}");
    FakeEnvironmentFactory.reset(Duration.ZERO);
    FakeEnvironmentFactory.failStartsWith(milvusInstallTimedOut(reports));

    EngineExecutionResults results =
        EngineRuns.run(
            EngineRuns.host(Map.of("milvus.monitored.reportDirectory", reports.toString())),
            First.class,
            Second.class);

    String expected =
        "@MilvusMonitored could not start the monitored environment (started for"
            + " io.github.milvusmonitored.junit.StartFailureReportTest$First): phase 'Milvus ready' failed: Helm could not"
            + " install Milvus release 'my-release' in namespace 'milvus' (waiting up to 600 s for readiness): context"
            + " deadline exceeded. The half-installed release 'my-release' was uninstalled. Likely causes: images that"
            + " cannot be pulled, too little memory or CPU for the pods, or persistent volumes that cannot be bound. Look"
            + " with `kubectl -n milvus get pods,pvc` and `kubectl -n milvus describe pods`. What the start installed was"
            + " removed; keepOnFailure = true (system property milvus.monitored.keepOnFailure,"
            + " MILVUS_MONITORED_KEEP_ON_FAILURE) keeps it for inspection. Diagnostics (pods, events, targets, logs of"
            + " unready pods): "
            + reports.resolve("startup-failure").toAbsolutePath()
            + ". Timing report: "
            + reports.resolve("timing-report.json").toAbsolutePath()
            + ". Every class with this configuration fails with"
            + " this error; fix the cause and run the tests again.\n"
            + "Cause chain (messages shown above are not repeated):\n"
            + "  io.github.milvusmonitored.environment.EnvironmentStartException\n"
            + "  caused by io.github.milvusmonitored.milvus.MilvusReleaseException\n"
            + "  caused by java.lang.IllegalStateException";
    List<Throwable> failures = failures(results);
    assertThat(failures)
        .hasSize(2)
        .allSatisfy(
            f ->
                assertThat(f)
                    .isInstanceOf(EnvironmentStartException.class)
                    .hasMessage(expected)
                    .hasNoCause());
    assertThat(FakeEnvironmentFactory.starts()).as("one start for both classes").isEqualTo(1);
    String printed = printed(failures.get(0));
    assertThat(Pattern.compile("context deadline exceeded").matcher(printed).results().count())
        .as("Helm's words in what JUnit prints:%n%s", printed)
        .isEqualTo(1);
    assertThat(printed)
        .as("where it failed")
        .contains("\tat " + StartFailureReportTest.class.getName() + ".milvusInstallTimedOut(");
  }

  @Test
  void a_start_that_fails_before_its_phases_says_why_without_a_phase(@TempDir Path reports) {
    FakeEnvironmentFactory.reset(Duration.ZERO);
    FakeEnvironmentFactory.failStartsWith(
        new ClusterException(
            "The Kubernetes API server https://10.0.0.1:6443/"
                + " (from /home/ci/.kube/config) refused the connection (connection refused): nothing listens at that address"
                + " and port. Check that the cluster is running and reachable from here (kubectl cluster-info), and that the"
                + " kubeconfig's credentials are current.",
            new ConnectException("Connection refused")));

    EngineExecutionResults results =
        EngineRuns.run(
            EngineRuns.host(Map.of("milvus.monitored.reportDirectory", reports.toString())),
            First.class);

    assertThat(failures(results))
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessage(
            "@MilvusMonitored could not start the monitored environment (started for"
                + " io.github.milvusmonitored.junit.StartFailureReportTest$First): The Kubernetes API server"
                + " https://10.0.0.1:6443/ (from /home/ci/.kube/config) refused the connection (connection refused):"
                + " nothing listens at that address and port. Check that the cluster is running and reachable from here"
                + " (kubectl cluster-info), and that the kubeconfig's credentials are current. Every class with this configuration fails with"
                + " this error; fix the cause and run the tests again.\n"
                + "Cause chain (messages shown above are not repeated):\n"
                + "  io.github.milvusmonitored.cluster.ClusterException\n"
                + "  caused by java.net.ConnectException: Connection refused");
  }

  /** The throwable of each class or test that failed. */
  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .map(
            e ->
                e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow())
        .toList();
  }

  /** What a console or a report shows of the throwable: its stack trace as Java prints it. */
  private static String printed(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
