package io.github.milvusmonitored.junit;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.spi.EnvironmentFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The factory the extension finds through ServiceLoader in these tests: starts {@link FakeEnvironment}s
 * and remembers each one, so tests can count starts and closes.
 */
public final class FakeEnvironmentFactory implements EnvironmentFactory {

  private static final List<FakeEnvironment> STARTED = new CopyOnWriteArrayList<>();
  private static volatile Duration startDelay = Duration.ZERO;

  @Override
  public MonitoredEnvironment start(EnvironmentConfig config) {
    try {
      Thread.sleep(startDelay.toMillis()); // a slow start widens the window in which classes race
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FakeEnvironment environment = new FakeEnvironment(config);
    STARTED.add(environment);
    return environment;
  }

  /** Forgets earlier starts and sets how long the next starts take. */
  static void reset(Duration delay) {
    STARTED.clear();
    startDelay = delay;
  }

  static List<FakeEnvironment> started() {
    return List.copyOf(STARTED);
  }
}
