package io.github.milvusmonitored.environment;

import io.github.milvusmonitored.internal.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the readiness phases one after another, logging each start and end with elapsed time, and
 * records their durations for the {@link TimingReport}.
 *
 * <pre>{@code
 * PhaseClock clock = new PhaseClock();
 * clock.run("CRDs Established", "10 CRDs in monitoring", () -> stack.awaitCrdsEstablished(Duration.ofMinutes(2)));
 * clock.report().writeTo(Path.of("target/milvus-monitored/timing.json"));
 * }</pre>
 */
public final class PhaseClock {

  private static final Logger LOG = LoggerFactory.getLogger(PhaseClock.class);

  private final List<PhaseTiming> phases = new ArrayList<>();
  private final long origin = System.nanoTime();
  private volatile String stopReason;

  /**
   * Runs {@code work} as phase {@code name}; {@code awaiting} says in words what it waits for.
   * Phases may run concurrently from several threads.
   */
  public <T> T run(String name, String awaiting, Supplier<T> work) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String stop = stopReason;
    if (stop != null) {
      record(
          new PhaseTiming(
              name, started, Duration.ZERO, PhaseTiming.Outcome.FAILED, "not started: " + stop));
      LOG.warn("[{}] not started: {}", name, stop);
      throw new CancellationException("Phase '" + name + "' was not started: " + stop + ".");
    }
    LOG.info("[{}] started at +{}s: {}", name, seconds(t0 - origin), awaiting);
    try {
      T result = work.get();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      record(new PhaseTiming(name, started, took, PhaseTiming.Outcome.OK, awaiting));
      LOG.info(
          "[{}] done in {}s (+{}s overall)",
          name,
          seconds(took.toNanos()),
          seconds(System.nanoTime() - origin));
      return result;
    } catch (RuntimeException | Error e) {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      String why = Redaction.text(String.valueOf(e.getMessage()));
      record(new PhaseTiming(name, started, took, PhaseTiming.Outcome.FAILED, why));
      LOG.warn("[{}] failed after {}s: {}", name, seconds(took.toNanos()), why);
      throw e;
    }
  }

  /**
   * Makes every phase that starts from now on fail at once with a {@link CancellationException}
   * naming {@code reason}; phases already running finish as they would.
   */
  public void stopBeforeNextPhase(String reason) {
    stopReason = Objects.requireNonNull(reason, "reason");
  }

  /** Runs a phase that returns nothing. */
  public void run(String name, String awaiting, Runnable work) {
    run(
        name,
        awaiting,
        () -> {
          work.run();
          return null;
        });
  }

  /** Records a phase that was not needed (already done on a reused environment). */
  public synchronized void skipped(String name, String why) {
    phases.add(
        new PhaseTiming(name, Instant.now(), Duration.ZERO, PhaseTiming.Outcome.SKIPPED, why));
    LOG.info("[{}] skipped: {}", name, why);
  }

  private synchronized void record(PhaseTiming timing) {
    phases.add(timing);
  }

  /** The phases so far, in the order they ended. */
  public synchronized TimingReport report() {
    return new TimingReport(phases);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }
}
