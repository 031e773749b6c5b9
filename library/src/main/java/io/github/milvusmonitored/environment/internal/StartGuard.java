package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleanup hook of a start, registered before the start changes anything: when the JVM stops
 * (Ctrl-C, SIGTERM) during the start, no further phase begins, the phase in progress finishes (a
 * Helm install cannot be stopped half-way), and the start's failure path removes what the run
 * installed so far (on an existing cluster only that) before the JVM exits. The hook waits for
 * that, up to a bound.
 */
final class StartGuard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StartGuard.class);
  static final String REASON = "the JVM is stopping (Ctrl-C or SIGTERM) during the start";

  private final PhaseClock clock;
  private final Duration bound;
  private final CountDownLatch finished = new CountDownLatch(1);
  final Thread hook;
  private volatile boolean stopping;

  private StartGuard(PhaseClock clock, Duration bound) {
    this.clock = clock;
    this.bound = bound;
    this.hook = new Thread(this::onJvmStop, "milvus-monitored-start-cleanup");
  }

  /**
   * Registers the hook; {@code bound} is the longest the JVM's exit waits for the start to undo
   * itself.
   */
  static StartGuard register(PhaseClock clock, Duration bound) {
    StartGuard guard = new StartGuard(clock, bound);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** Whether the JVM began to stop during the start. */
  boolean stopping() {
    return stopping;
  }

  /** The start returned or its failure path finished: the hook has nothing left to wait for. */
  @Override
  public void close() {
    finished.countDown();
    if (!stopping) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM began to stop just now: the hook runs and returns at once
      }
    }
  }

  void onJvmStop() {
    stopping = true;
    clock.stopBeforeNextPhase(REASON);
    LOG.warn(
        "[environment] {}: no further phase starts; the phase in progress finishes, then what this run"
            + " installed is removed. Waiting up to {} for that (kill -9 leaves it in place).",
        REASON,
        MonitoredDuration.humanText(bound));
    try {
      if (!finished.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "[environment] the start did not undo itself within {}: what it installed may be left;"
                + " its objects carry the label app.kubernetes.io/managed-by=milvus-monitored",
            MonitoredDuration.humanText(bound));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
