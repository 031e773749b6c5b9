package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lab program running inside the lab's network namespace, its output appended to a log file; it
 * can be stopped, killed and started again with the same command (the fault tests do).
 */
public final class LabProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabProcess.class);

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private final Path directory;
  private Process process;

  private LabProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path log,
      Path directory) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.directory = directory;
  }

  /**
   * Starts {@code command} (already prefixed for the lab's namespace), logging to {@code
   * logDir/<name>.log}.
   */
  public static LabProcess start(
      String name, List<String> command, Map<String, String> environment, Path logDir) {
    return start(name, command, environment, logDir, null);
  }

  /** As {@link #start(String, List, Map, Path)}, in the working directory {@code directory}. */
  public static LabProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path logDir,
      Path directory) {
    LabProcess started =
        new LabProcess(name, command, environment, logDir.resolve(name + ".log"), directory);
    started.start();
    return started;
  }

  /** Starts the program again after {@link #stop()} or {@link #kill()}. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().putAll(environment);
      process = builder.start();
      LOG.info("lab: started {} (pid {}), log {}", name, process.pid(), log.getFileName());
    } catch (IOException e) {
      throw new LabException(
          "Cannot start lab program "
              + name
              + " ("
              + String.join(" ", command)
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Waits until {@code ready} holds; fails with the end of the program's log if it exits or time
   * runs out.
   */
  public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isAlive()) {
        throw new LabException(
            "Lab program "
                + name
                + " exited with "
                + process.exitValue()
                + " before "
                + what
                + ". End of its log ("
                + log
                + "):\n"
                + tail(30));
      }
      try {
        if (ready.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not ready yet
      }
      sleep(Duration.ofMillis(100));
    }
    throw new LabException(
        "Lab program "
            + name
            + " did not reach '"
            + what
            + "' within "
            + timeout.toSeconds()
            + " s. End of its log ("
            + log
            + "):\n"
            + tail(30));
  }

  public String name() {
    return name;
  }

  /** The running process's pid, or -1 when it is not running. */
  public synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  /** The exit code of the process that ended, or -1 while it runs or before it started. */
  public synchronized int exitValue() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The program's log so far. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The last {@code lines} lines of the log. */
  public String tail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** SIGKILL, as a crash would. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("Interrupted while waiting", e);
    }
  }

  /** Sleeps, returning early (with the interrupt flag set) when interrupted. */
  static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
