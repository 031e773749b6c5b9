package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.Targets;
import io.github.milvusmonitored.testing.SignalMasks;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own, as a user runs it ({@code java ... MilvusMonitoredCli
 * <command>}), with this test's class path, its output (stdout and stderr together) in a file, and
 * a home folder of its own.
 */
final class CliProcess implements AutoCloseable {

  static final Duration UP_DEADLINE = Duration.ofMinutes(3);
  static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
  private static final String PROMETHEUS_LINE = "  Prometheus  ";
  private static final String MILVUS_LINE = "  Milvus      ";

  /** The summary's last sentence, printed once 'up' is up. */
  private static final String PORT_FORWARDS_OPEN = "The port-forwards stay open until Ctrl-C.";

  private final String command;
  private final Process process;
  private final Path output;

  private CliProcess(String command, Process process, Path output) {
    this.command = command;
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code MilvusMonitoredCli args...}; its output goes to {@code
   * <work>/<command>-output.txt}.
   */
  static CliProcess start(Path work, List<String> args) throws IOException {
    return start(work, List.of(), args);
  }

  /** {@link #start(Path, List)} with JVM options such as {@code -Djava.io.tmpdir=..}. */
  static CliProcess start(Path work, List<String> jvmOptions, List<String> args)
      throws IOException {
    Files.createDirectories(work);
    List<String> line =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    line.addAll(jvmOptions);
    line.addAll(
        List.of(
            "-Duser.home=" + work.resolve("home").toAbsolutePath(),
            "-Dorg.slf4j.simpleLogger.log.io.fabric8=warn",
            "-cp",
            System.getProperty("java.class.path"),
            "io.github.milvusmonitored.cli.MilvusMonitoredCli"));
    line.addAll(args);
    Path output = work.resolve(args.get(0) + "-output.txt");
    Process process =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new CliProcess(args.get(0), process, output);
  }

  /**
   * {@code up} on the lab as an existing cluster from local inputs, the Milvus ServiceMonitor at 5
   * s.
   */
  static CliProcess up(Lab lab, Path work) throws IOException {
    return up(lab, work, List.of());
  }

  /** {@link #up(Lab, Path)} with JVM options. */
  static CliProcess up(Lab lab, Path work, List<String> jvmOptions) throws IOException {
    return start(
        work,
        jvmOptions,
        List.of(
            "up",
            "--kubeconfig=" + lab.kubeconfig(),
            "--kube-prometheus=" + LabConfigs.manifests(),
            "--local-chart=" + LabConfigs.chart(),
            "--profile=minimal",
            "--scrape-interval=5s",
            "--scrape-timeout=3s"));
  }

  /**
   * Waits until the process printed a line containing {@code text}; fails when it exits or time
   * runs out first.
   */
  String awaitPrinted(String text, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String printed = output();
      if (printed.contains(text)) {
        return printed;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "'"
                + command
                + "' exited with "
                + process.exitValue()
                + " before printing '"
                + text
                + "'; it printed:\n"
                + printed);
      }
      LabProcess.sleep(Duration.ofMillis(200));
    }
    throw new AssertionError(
        "'"
            + command
            + "' did not print '"
            + text
            + "' within "
            + timeout.toSeconds()
            + " s; it printed:\n"
            + output());
  }

  /**
   * Waits for the summary's last line; fails with what was printed when the process exits or time
   * runs out.
   */
  String awaitUp() throws IOException {
    long deadline = System.nanoTime() + UP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      String printed = output();
      if (printed.contains(PORT_FORWARDS_OPEN)) {
        return printed;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "'up' exited with "
                + process.exitValue()
                + " before it was up; it printed:\n"
                + printed);
      }
      LabProcess.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError(
        "'up' was not up within " + UP_DEADLINE.toSeconds() + " s; it printed:\n" + output());
  }

  /** The Prometheus URL of {@code up}'s summary (a port-forward on 127.0.0.1). */
  static URI prometheusUrl(String printed) {
    return URI.create(
        printed
            .lines()
            .filter(l -> l.startsWith(PROMETHEUS_LINE))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Prometheus URL in:\n" + printed))
            .substring(PROMETHEUS_LINE.length())
            .strip());
  }

  /** The Milvus gRPC endpoint of {@code up}'s summary (a port-forward on 127.0.0.1). */
  static io.github.milvusmonitored.environment.MilvusEndpoint milvusEndpoint(String printed) {
    URI uri =
        URI.create(
            printed
                .lines()
                .filter(l -> l.startsWith(MILVUS_LINE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Milvus endpoint in:\n" + printed))
                .substring(MILVUS_LINE.length())
                .strip()
                .split("\\s+")[0]);
    return new io.github.milvusmonitored.environment.MilvusEndpoint(uri.getHost(), uri.getPort());
  }

  /**
   * Sends {@code signal} (a name {@code kill} knows: INT, TERM) to the JVM; fails first when the
   * JVM ignores it, as one started from a background job of a non-interactive shell ignores SIGINT.
   */
  void signal(String signal, int number) throws IOException, InterruptedException {
    assertThat(SignalMasks.ignores(process.pid(), number))
        .as(SignalMasks.ignoredMessage(signal, "'" + command + "'"))
        .isFalse();
    assertThat(
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor())
        .as("kill -%s %s", signal, process.pid())
        .isZero();
  }

  /**
   * Stops a running {@code up} with {@code signal} and asserts what a user sees: exit code {@code
   * exitCode} within {@link #STOP_DEADLINE}, and the shutdown hook's cleanup printed after the
   * signal.
   */
  void stopUp(String signal, int number, int exitCode) throws IOException, InterruptedException {
    String printedBefore = output();
    signal(signal, number);
    int exit = awaitExit(STOP_DEADLINE);
    String all = output();
    assertThat(exit).as(all).isEqualTo(exitCode);
    assertThat(all.substring(printedBefore.length()))
        .as("the shutdown hook's cleanup after SIG%s", signal)
        .contains("[cleanup] removing");
  }

  /**
   * Waits up to {@code timeout} for the JVM to exit; returns its exit code, or fails with what it
   * printed.
   */
  int awaitExit(Duration timeout) throws IOException, InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("'%s' exits within %s s; it printed:%n%s", command, timeout.toSeconds(), output())
        .isTrue();
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  String output() throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Waits for a target of namespace {@code milvus} that is UP; fails with the active targets. */
  static Targets.Active awaitMilvusTargetUp(PrometheusClient prometheus, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Targets targets = prometheus.targets();
    while (true) {
      Optional<Targets.Active> up =
          targets.active().stream()
              .filter(t -> "milvus".equals(t.labels().find("namespace").orElse(null)))
              .filter(t -> t.health() == Targets.Health.UP)
              .findFirst();
      if (up.isPresent()) {
        return up.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no Milvus target UP within "
                + timeout.toSeconds()
                + " s at "
                + prometheus.baseUri()
                + ": "
                + targets.active().stream().map(Targets.Active::describe).toList());
      }
      LabProcess.sleep(Duration.ofSeconds(1));
      targets = prometheus.targets();
    }
  }
}
