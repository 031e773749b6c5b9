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
 * A JVM stopped before that (Ctrl-C, SIGTERM from a CI runner) closes it from a shutdown hook, so
 * what the run installed on an existing cluster is removed then too.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit before 5.13 closing it too
public final class EnvironmentResource
    implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentResource.class);

  private final MonitoredEnvironment environment;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  private EnvironmentResource(MonitoredEnvironment environment) {
    this.environment = environment;
    this.shutdownHook = new Thread(this::closeOnExit, "milvus-monitored-close-on-exit");
  }

  /** Logs the effective configuration, then starts the environment through {@code factory}. */
  static EnvironmentResource start(ResolvedConfiguration resolved, EnvironmentFactory factory) {
    LOG.info(
        "Starting the Milvus monitored environment (shared by every class with this configuration):\n{}",
        resolved.table());
    long started = System.nanoTime();
    MonitoredEnvironment environment = factory.start(resolved.environment());
    LOG.info(
        "Milvus monitored environment ready after {} s",
        (System.nanoTime() - started) / 1_000_000_000L);
    EnvironmentResource resource = new EnvironmentResource(environment);
    Runtime.getRuntime().addShutdownHook(resource.shutdownHook);
    return resource;
  }

  /** The hook that closes the environment if the JVM stops before the test run ends. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  /** The running environment. */
  public MonitoredEnvironment environment() {
    return environment;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping; the hook may be running this very close
      }
      LOG.info("Closing the Milvus monitored environment");
      environment.close();
    }
  }

  private void closeOnExit() {
    if (closed.compareAndSet(false, true)) {
      LOG.info(
          "The JVM is stopping before the test run ended: closing the Milvus monitored environment");
      environment.close();
    }
  }
}
