package io.github.milvusmonitored.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs the Prometheus image through Testcontainers. The exporters listen on the host's loopback, so
 * their ports are exposed to the container and it scrapes them at {@code
 * host.testcontainers.internal}. A restart creates a new container: the base URI (mapped port) and
 * the stored data change.
 */
final class DockerPrometheusContainer implements PrometheusBackend {

  private static final String HOST_ALIAS = "host.testcontainers.internal";
  private static final String CONFIG = "/etc/prometheus/prometheus.yml";
  private static final String RULES = "/etc/prometheus/rules";

  private final String image;
  private GenericContainer<?> container;

  DockerPrometheusContainer(String image) {
    this.image = image;
  }

  @Override
  public URI start(PrometheusConfig config) {
    config.milvusTargets().forEach(target -> Testcontainers.exposeHostPorts(target.port()));
    GenericContainer<?> created =
        new GenericContainer<>(DockerImageName.parse(image))
            .withAccessToHost(true)
            .withExposedPorts(9090)
            .withCopyToContainer(Transferable.of(config.toYaml(HOST_ALIAS, RULES)), CONFIG)
            .withCopyToContainer(
                Transferable.of(PrometheusConfig.NO_TARGETS_CONTENT),
                RULES + "/" + PrometheusConfig.NO_TARGETS_FILE)
            .withCommand(
                "--config.file=" + CONFIG,
                "--storage.tsdb.path=/prometheus",
                "--web.enable-lifecycle")
            .waitingFor(Wait.forHttp("/-/ready").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(2));
    config
        .ruleFiles()
        .forEach(
            (name, yaml) ->
                created.withCopyToContainer(Transferable.of(yaml), RULES + "/" + name + ".yml"));
    created.start();
    container = created;
    return URI.create("http://" + created.getHost() + ":" + created.getMappedPort(9090) + "/");
  }

  @Override
  public void writeConfig(PrometheusConfig config) {
    config.milvusTargets().forEach(target -> Testcontainers.exposeHostPorts(target.port()));
    config
        .ruleFiles()
        .forEach(
            (name, yaml) ->
                container.copyFileToContainer(Transferable.of(yaml), RULES + "/" + name + ".yml"));
    container.copyFileToContainer(Transferable.of(config.toYaml(HOST_ALIAS, RULES)), CONFIG);
  }

  @Override
  public void checkAlive() {
    if (container != null && !container.isRunning()) {
      throw new IllegalStateException(
          "The Prometheus container (" + image + ") stopped. Its log ends with:\n" + logTail());
    }
  }

  @Override
  public void stop() {
    if (container != null) {
      container.stop();
    }
  }

  @Override
  public String logTail() {
    if (container == null) {
      return "(no container)";
    }
    try {
      List<String> lines = container.getLogs().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (RuntimeException e) {
      return "(logs unavailable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void destroy() {
    stop();
  }

  @Override
  public String describe() {
    return "Docker image " + image;
  }
}
