package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.spi.EnvironmentFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started environment as a value of the root store: JUnit closes it when the test run ends
 * ({@link AutoCloseable} on JUnit 5.13 and later, {@code CloseableResource} before), exactly once.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit before 5.13 closing it too
public final class EnvironmentResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentResource.class);

  private final MonitoredEnvironment environment;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EnvironmentResource(MonitoredEnvironment environment) {
    this.environment = environment;
  }

  /** Logs the effective configuration, then starts the environment through {@code factory}. */
  static EnvironmentResource start(ResolvedConfiguration resolved, EnvironmentFactory factory) {
    LOG.info("Starting the Milvus monitored environment (shared by every class with this configuration):\n{}",
        resolved.table());
    long started = System.nanoTime();
    MonitoredEnvironment environment = factory.start(resolved.environment());
    LOG.info("Milvus monitored environment ready after {} s", (System.nanoTime() - started) / 1_000_000_000L);
    return new EnvironmentResource(environment);
  }

  /** The running environment. */
  public MonitoredEnvironment environment() {
    return environment;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("Closing the Milvus monitored environment");
      environment.close();
    }
  }
}
