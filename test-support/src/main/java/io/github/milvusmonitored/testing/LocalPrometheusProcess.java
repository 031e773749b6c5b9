package io.github.milvusmonitored.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a local Prometheus binary on a free loopback port with its own temporary directory. */
final class LocalPrometheusProcess implements PrometheusBackend {

  private final Path binary;
  private final Path dir;
  private final Path log;
  private final Thread shutdownHook;
  private int port;
  private Process process;
  private List<String> command = List.of();

  LocalPrometheusProcess(Path binary) {
    this.binary = binary;
    try {
      this.dir = Files.createTempDirectory("milvus-monitored-prometheus-");
      Files.createDirectories(dir.resolve("rules"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for Prometheus", e);
    }
    this.log = dir.resolve("prometheus.log");
    this.shutdownHook = new Thread(this::destroyQuietly, "prometheus-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public URI start(PrometheusConfig config) {
    writeConfig(config);
    if (port == 0) {
      port = freePort();
    }
    command =
        List.of(
            binary.toString(),
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-lifecycle");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
    }
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public void writeConfig(PrometheusConfig config) {
    try {
      for (var rule : config.ruleFiles().entrySet()) {
        Files.writeString(dir.resolve("rules").resolve(rule.getKey() + ".yml"), rule.getValue());
      }
      Files.writeString(
          dir.resolve("rules").resolve(PrometheusConfig.NO_TARGETS_FILE),
          PrometheusConfig.NO_TARGETS_CONTENT);
      Files.writeString(
          dir.resolve("prometheus.yml"),
          config.toYaml("127.0.0.1", dir.resolve("rules").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Prometheus configuration in " + dir, e);
    }
  }

  @Override
  public void checkAlive() {
    if (process != null && !process.isAlive()) {
      throw PrometheusErrors.exited(String.join(" ", command), process.exitValue(), log, logTail());
    }
  }

  @Override
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public String logTail() {
    try {
      if (!Files.exists(log)) {
        return "(no log written)";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void destroy() {
    destroyQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  @Override
  public String describe() {
    return binary + " (data in " + dir + ")";
  }

  private void destroyQuietly() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the directory is under the system temporary directory
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port for Prometheus", e);
    }
  }
}
