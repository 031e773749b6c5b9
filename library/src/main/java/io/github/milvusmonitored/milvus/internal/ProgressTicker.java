package io.github.milvusmonitored.milvus.internal;

import io.github.milvusmonitored.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** Logs a progress line at a fixed period while a blocking step runs. */
public final class ProgressTicker implements AutoCloseable {

  private final ScheduledExecutorService scheduler;
  private final long start = System.nanoTime();

  private ProgressTicker(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Starts logging {@code "<phase>: still waiting for <awaited>, <elapsed> of <limit>"} every
   * period.
   */
  public static ProgressTicker start(
      Logger log, String phase, String awaited, Duration limit, Duration period) {
    ScheduledExecutorService scheduler = DaemonThreads.ticker("milvus-release-progress");
    ProgressTicker ticker = new ProgressTicker(scheduler);
    scheduler.scheduleAtFixedRate(
        () ->
            log.info(
                "{}: still waiting for {}, {} elapsed of {}",
                phase,
                awaited,
                ticker.elapsed(),
                format(limit)),
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  /** Returns the time since the start, e.g. {@code 2m05s}. */
  public String elapsed() {
    return format(Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }
}
