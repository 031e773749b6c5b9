package io.github.milvusmonitored.junit.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;

/**
 * What the extension reads from the machine it runs on: system properties, environment variables
 * and whether Docker is available. The extension's own tests replace it to stay off the real
 * machine.
 *
 * @param systemProperties the system properties
 * @param environment the environment variables
 * @param docker answers whether Testcontainers finds a working Docker
 *     <p>A null component means "read the real machine when asked".
 */
public record Host(
    Map<String, String> systemProperties, Map<String, String> environment, BooleanSupplier docker) {

  private static final Host SYSTEM = new Host(null, null, null);
  private static volatile Host current = SYSTEM;

  /** The host the extension currently reads from. */
  public static Host current() {
    return current;
  }

  /**
   * Makes the extension read from {@code host} until the returned handle is closed. Meant for the
   * extension's own tests, which run an engine inside a test.
   */
  public static AutoCloseable override(Host host) {
    Objects.requireNonNull(host, "host");
    current = host;
    return () -> current = SYSTEM;
  }

  /** The system properties as strings. */
  public Map<String, String> properties() {
    if (systemProperties != null) {
      return systemProperties;
    }
    return System.getProperties().entrySet().stream()
        .filter(e -> e.getKey() instanceof String && e.getValue() instanceof String)
        .collect(
            Collectors.toMap(e -> (String) e.getKey(), e -> (String) e.getValue(), (a, b) -> a));
  }

  /** The environment variables. */
  public Map<String, String> variables() {
    return environment != null ? environment : System.getenv();
  }

  /** Whether Docker is available to Testcontainers. */
  public boolean isDockerAvailable() {
    return docker != null ? docker.getAsBoolean() : TestcontainersDocker.isAvailable();
  }

  /** Reads Docker's availability through Testcontainers, which caches the answer for the JVM. */
  private static final class TestcontainersDocker {
    static boolean isAvailable() {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
  }
}
