package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.testing.SignalMasks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX signals")
class JvmSignalsIT {

  @Test
  void sigint_after_a_native_helm_call_runs_the_shutdown_hooks() throws Exception {
    Child child = Child.start("restore");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("INT");

    assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGINT; it printed %s",
        child.lines).isTrue();
    assertThat(child.process.exitValue()).isEqualTo(130);
    assertThat(child.output()).contains(HelmSignalProbe.HOOK_RAN);
  }

  @Test
  void sigterm_after_a_native_helm_call_runs_the_shutdown_hooks() throws Exception {
    Child child = Child.start("restore");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("TERM");

    assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM; it printed %s",
        child.lines).isTrue();
    assertThat(child.process.exitValue()).isEqualTo(143);
    assertThat(child.output()).contains(HelmSignalProbe.HOOK_RAN);
  }

  @Test
  void without_reinstalling_the_handlers_the_native_call_swallows_sigterm() throws Exception {
    Child child = Child.start("plain");
    child.awaitLine(HelmSignalProbe.RENDERED);
    child.signal("TERM");
    try {
      assertThat(child.process.waitFor(3, TimeUnit.SECONDS)).as("still running 3 s after SIGTERM").isFalse();
      assertThat(child.lines).doesNotContain(HelmSignalProbe.HOOK_RAN);
    } finally {
      child.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private record Child(Process process, List<String> lines, CompletableFuture<Void> drained) {

    static Child start(String mode) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      // A child killed by a signal runs no cleanup: its chart and helm-java's extracted native library (about
      // 90 MB) stay in its temp folder, so that folder is under target/.
      Path tmp = Files.createDirectories(Path.of("target", "helm-signal-probe-tmp"));
      Process process = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-cp",
          System.getProperty("java.class.path"), HelmSignalProbe.class.getName(), mode).redirectErrorStream(true)
          .start();
      List<String> lines = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
        try (BufferedReader reader = new BufferedReader(
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
        assertThat(System.nanoTime()).as("'%s' within 60 s, output so far: %s", expected, lines).isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    void signal(String name) throws IOException, InterruptedException {
      if (name.equals("INT")) {
        assertThat(SignalMasks.ignores(process.pid(), 2)).as(SignalMasks.ignoredMessage(name, "probe's")).isFalse();
      }
      Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
    }

    String output() throws Exception {
      drained.get(10, TimeUnit.SECONDS);
      return String.join("\n", lines);
    }
  }
}
