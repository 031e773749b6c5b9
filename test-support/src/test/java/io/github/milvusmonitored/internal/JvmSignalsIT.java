package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.milvusmonitored.testing.SignalMasks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Starts a child JVM that makes a real helm-java 0.0.21 native call (a client-only template, which
 * runs the native install path and its {@code signal.Notify}), then sends it SIGINT or SIGTERM.
 *
 * <p>Each child starts with its signal dispositions set by {@code env --default-signal} or {@code
 * --ignore-signal} (coreutils 8.31+), not inherited from the build: a build started as a background
 * job of a non-interactive shell ignores SIGINT, its JVMs inherit that, and after Go's {@code
 * signal.Notify} the ignore no longer shows in the process's SigIgn mask.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals")
class JvmSignalsIT {

  @Test
  void sigint_after_a_native_helm_call_runs_the_shutdown_hooks() throws Exception {
    Child child = Child.start("restore", "--default-signal=INT,TERM");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("INT");

    assertThat(child.process.waitFor(10, TimeUnit.SECONDS))
        .as("exited within 10 s of SIGINT; it printed %s", child.lines)
        .isTrue();
    assertThat(child.process.exitValue()).isEqualTo(130);
    assertThat(child.output()).contains(HelmSignalProbe.HOOK_RAN);
  }

  @Test
  void sigterm_after_a_native_helm_call_runs_the_shutdown_hooks() throws Exception {
    Child child = Child.start("restore", "--default-signal=INT,TERM");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("TERM");

    assertThat(child.process.waitFor(10, TimeUnit.SECONDS))
        .as("exited within 10 s of SIGTERM; it printed %s", child.lines)
        .isTrue();
    assertThat(child.process.exitValue()).isEqualTo(143);
    assertThat(child.output()).contains(HelmSignalProbe.HOOK_RAN);
  }

  @Test
  void a_sigint_ignored_at_start_is_ignored_again_after_the_native_call() throws Exception {
    Child child = Child.start("restore", "--ignore-signal=INT", "--default-signal=TERM");
    child.awaitLine(HelmSignalProbe.RENDERED);

    assertThat(SignalMasks.ignores(child.process.pid(), 2))
        .as("SIGINT in the probe's SigIgn mask")
        .isTrue();
    child.send("INT");
    assertThat(child.process.waitFor(2, TimeUnit.SECONDS))
        .as("still running 2 s after an ignored SIGINT")
        .isFalse();
    child.signal("TERM");
    assertThat(child.process.waitFor(10, TimeUnit.SECONDS))
        .as("exited within 10 s of SIGTERM; it printed %s", child.lines)
        .isTrue();
    assertThat(child.process.exitValue()).isEqualTo(143);
    assertThat(child.output()).contains(HelmSignalProbe.HOOK_RAN);
  }

  @Test
  void without_reinstalling_the_handlers_the_native_call_swallows_sigterm() throws Exception {
    Child child = Child.start("plain", "--default-signal=INT,TERM");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("TERM");
    try {
      assertThat(child.process.waitFor(3, TimeUnit.SECONDS))
          .as("still running 3 s after SIGTERM")
          .isFalse();
      assertThat(child.lines).doesNotContain(HelmSignalProbe.HOOK_RAN);
    } finally {
      child.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private record Child(Process process, List<String> lines, CompletableFuture<Void> drained) {

    static Child start(String mode, String... envSignalOptions)
        throws IOException, InterruptedException {
      assumeTrue(
          envSetsSignals(),
          "needs coreutils env with --default-signal and --ignore-signal (8.31 or newer)");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      // A child killed by a signal runs no cleanup: its chart and helm-java's extracted native
      // library (about
      // 90 MB) stay in its temp folder, so that folder is under target/.
      Path tmp = Files.createDirectories(Path.of("target", "helm-signal-probe-tmp"));
      List<String> command = new ArrayList<>();
      command.add("env");
      command.addAll(List.of(envSignalOptions));
      command.addAll(
          List.of(
              java.toString(),
              "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
              "-cp",
              System.getProperty("java.class.path"),
              HelmSignalProbe.class.getName(),
              mode));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> lines = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> drained =
          CompletableFuture.runAsync(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("(output lost: " + e + ")");
                }
              });
      return new Child(process, lines, drained);
    }

    void awaitLine(String expected) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!lines.contains(expected)) {
        assertThat(process.isAlive()).as("child alive, output so far: %s", lines).isTrue();
        assertThat(System.nanoTime())
            .as("'%s' within 60 s, output so far: %s", expected, lines)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    void signal(String name) throws IOException, InterruptedException {
      if (name.equals("INT")) {
        assertThat(SignalMasks.ignores(process.pid(), 2))
            .as(SignalMasks.ignoredMessage(name, "probe's"))
            .isFalse();
      }
      send(name);
    }

    void send(String name) throws IOException, InterruptedException {
      Process kill =
          new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
    }

    private static boolean envSetsSignals() throws IOException, InterruptedException {
      Process probe =
          new ProcessBuilder("env", "--default-signal=INT", "--ignore-signal=INT", "true")
              .redirectErrorStream(true)
              .start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    String output() throws Exception {
      drained.get(10, TimeUnit.SECONDS);
      return String.join("\n", lines);
    }
  }
}
