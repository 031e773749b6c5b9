package io.github.milvusmonitored.diagnostics.internal;

import io.github.milvusmonitored.internal.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs diagnostics steps one after another, each bounded by its own limit and by what is left of
 * the total budget; a step that fails or hangs leaves its failure text in its file and never stops
 * the next.
 */
public final class StepRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  private final Path folder;
  private final Duration stepLimit;
  private final Duration total;
  private final long deadline;
  private final ExecutorService executor = DaemonThreads.asNeeded("milvus-monitored-diagnostics");
  private final List<String> files = new ArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  public StepRunner(Path folder, Duration stepLimit, Duration total) {
    this.folder = folder;
    this.stepLimit = stepLimit;
    this.total = total;
    this.deadline = System.nanoTime() + total.toNanos();
  }

  /**
   * Runs {@code step}, which returns the file's text, and writes it to {@code file}. A step may
   * also report partial failures through {@link StepOutput#fail}.
   */
  public void run(String file, String what, Step step) {
    long started = System.nanoTime();
    StepOutput out = new StepOutput();
    String text;
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      text = DiagnosticsErrors.skippedNoTime(what, total);
      out.fail(text);
    } else {
      Duration limit = Duration.ofNanos(Math.min(stepLimit.toNanos(), left));
      StepOutput stepOut = new StepOutput();
      Future<String> future = executor.submit((Callable<String>) () -> step.collect(stepOut));
      try {
        text = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        out = stepOut;
      } catch (TimeoutException e) {
        // The abandoned step may still record failures as it unwinds: they are not this file's
        // story.
        future.cancel(true);
        text = out.fail(DiagnosticsErrors.timedOut(what, limit));
      } catch (ExecutionException e) {
        text = out.fail(DiagnosticsErrors.couldNotCollect(what, e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        text = out.fail(DiagnosticsErrors.couldNotCollect(what, e));
      }
    }
    write(file, text, out);
    LOG.info(
        "Diagnostics: {} -> {} in {} ms{}",
        what,
        file,
        (System.nanoTime() - started) / 1_000_000,
        out.failures().isEmpty() ? "" : " (" + out.failures().size() + " failure(s))");
  }

  /** Writes a file that no step produced (e.g. the summary). */
  public void write(String file, String text) {
    write(file, text, new StepOutput());
  }

  private void write(String file, String text, StepOutput out) {
    try {
      Path target = folder.resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, text, StandardCharsets.UTF_8);
      files.add(file);
      if (!out.failures().isEmpty()) {
        failures.put(file, String.join("\n", out.failures()));
      }
    } catch (IOException e) {
      failures.put(file, "could not write " + folder.resolve(file) + ": " + e.getMessage());
      LOG.warn("Diagnostics: could not write {}: {}", folder.resolve(file), e.toString());
    }
  }

  /** Whether there is time left for another step. */
  public boolean hasTimeLeft() {
    return deadline - System.nanoTime() > 0;
  }

  public List<String> files() {
    return List.copyOf(files);
  }

  public Map<String, String> failures() {
    return new LinkedHashMap<>(failures);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** One collection step producing a file's text. */
  @FunctionalInterface
  public interface Step {
    String collect(StepOutput out) throws Exception;
  }

  /** Lets a step record what it could not collect while still producing the rest. */
  public static final class StepOutput {
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** Records a failure text (also write it into the step's own text). */
    public String fail(String text) {
      failures.add(text);
      return text;
    }

    List<String> failures() {
      return failures;
    }
  }
}
