package io.github.milvusmonitored.junit;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.spi.EnvironmentFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The factory the extension finds through ServiceLoader in these tests: starts {@link
 * FakeEnvironment}s and remembers each one, so tests can count starts and closes; or fails each
 * start as told.
 */
public final class FakeEnvironmentFactory implements EnvironmentFactory {

  private static final List<FakeEnvironment> STARTED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger STARTS = new AtomicInteger();
  private static volatile Duration startDelay = Duration.ZERO;
  private static volatile RuntimeException failure;

  @Override
  public MonitoredEnvironment start(EnvironmentConfig config) {
    try {
      Thread.sleep(startDelay.toMillis()); // a slow start widens the window in which classes race
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    STARTS.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    FakeEnvironment environment = new FakeEnvironment(config);
    STARTED.add(environment);
    return environment;
  }

  /** Forgets earlier starts and sets how long the next starts take. */
  static void reset(Duration delay) {
    STARTED.clear();
    STARTS.set(0);
    startDelay = delay;
    failure = null;
  }

  /**
   * Makes every start until the next {@link #reset} fail with {@code e}, as a failed start of the
   * library does.
   */
  static void failStartsWith(RuntimeException e) {
    failure = e;
  }

  /** How many starts were attempted since the last {@link #reset}, failed ones included. */
  static int starts() {
    return STARTS.get();
  }

  static List<FakeEnvironment> started() {
    return List.copyOf(STARTED);
  }
}
