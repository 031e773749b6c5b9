package io.github.milvusmonitored.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Finds the Prometheus the integration tests run: a local binary, else the Docker image, else
 * fails.
 *
 * <pre>{@code
 * PrometheusLocator.Source source = PrometheusLocator.fromEnvironment().locate();
 * }</pre>
 *
 * <p>Order: environment variable {@code PROMETHEUS_BIN}, system property {@code prometheus.bin}, an
 * executable {@code prometheus} on {@code PATH}, the image {@value #DOCKER_IMAGE} if Docker is
 * available. Never skips: without any of these it throws with instructions to install one.
 */
public final class PrometheusLocator {

  /** The image kube-prometheus v0.18.0 ships, used when no local binary exists but Docker does. */
  public static final String DOCKER_IMAGE = "prom/prometheus:v3.12.0";

  /** Where Prometheus comes from. */
  public sealed interface Source permits LocalBinary, DockerImage {}

  /** A Prometheus executable on this machine. */
  public record LocalBinary(Path executable) implements Source {}

  /** A Prometheus image run through Testcontainers. */
  public record DockerImage(String image) implements Source {}

  private final Map<String, String> environment;
  private final String binProperty;
  private final BooleanSupplier dockerAvailable;

  PrometheusLocator(
      Map<String, String> environment, String binProperty, BooleanSupplier dockerAvailable) {
    this.environment = environment;
    this.binProperty = binProperty;
    this.dockerAvailable = dockerAvailable;
  }

  /** A locator reading this JVM's environment, system properties and Docker. */
  public static PrometheusLocator fromEnvironment() {
    return new PrometheusLocator(
        System.getenv(), System.getProperty("prometheus.bin"), PrometheusLocator::dockerAvailable);
  }

  /** Resolves the source, or throws {@link IllegalStateException} saying how to get Prometheus. */
  public Source locate() {
    Optional<Source> configured =
        configured("environment variable PROMETHEUS_BIN", environment.get("PROMETHEUS_BIN"))
            .or(() -> configured("system property prometheus.bin", binProperty));
    if (configured.isPresent()) {
      return configured.get();
    }
    String path = Optional.ofNullable(environment.get("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : new String[] {"prometheus", "prometheus.exe"}) {
        if (!dir.isBlank() && isExecutableFile(Path.of(dir, name))) {
          return new LocalBinary(Path.of(dir, name));
        }
      }
    }
    if (dockerAvailable.getAsBoolean()) {
      return new DockerImage(DOCKER_IMAGE);
    }
    throw PrometheusErrors.notFound(path);
  }

  private static Optional<Source> configured(String source, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(value);
    if (!isExecutableFile(path)) {
      throw PrometheusErrors.configuredBinaryUnusable(source, value);
    }
    return Optional.of(new LocalBinary(path));
  }

  private static boolean isExecutableFile(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
