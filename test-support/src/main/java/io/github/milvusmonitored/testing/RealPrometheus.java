package io.github.milvusmonitored.testing;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus server for integration tests: a local binary, or the Docker image if there is
 * none.
 *
 * <pre>{@code
 * try (RealPrometheus prometheus = RealPrometheus.start(PrometheusConfig.builder()
 *         .withMilvusTarget(MilvusTarget.standalone(exporter.port())).build())) {
 *     new RawPrometheusApi(prometheus::baseUri).query("up");
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once {@code /-/ready} answers 200. Prometheus 2.x applies new targets
 * every 5 s, so the first scrape can come a few seconds later: wait for a sample, not for
 * readiness. See {@link PrometheusLocator} for where the binary comes from.
 */
public final class RealPrometheus implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RealPrometheus.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final PrometheusBackend backend;
  private final RawPrometheusApi api = new RawPrometheusApi(this::baseUri);
  private PrometheusConfig config;
  private volatile URI baseUri;
  private boolean running;

  private RealPrometheus(PrometheusBackend backend, PrometheusConfig config) {
    this.backend = backend;
    this.config = config;
  }

  /**
   * Starts Prometheus found by {@link PrometheusLocator#fromEnvironment()} and waits until it is
   * ready.
   */
  public static RealPrometheus start(PrometheusConfig config) {
    return start(config, PrometheusLocator.fromEnvironment());
  }

  static RealPrometheus start(PrometheusConfig config, PrometheusLocator locator) {
    PrometheusLocator.Source source = locator.locate();
    PrometheusBackend backend =
        source instanceof PrometheusLocator.LocalBinary local
            ? new LocalPrometheusProcess(local.executable())
            : new DockerPrometheusContainer(((PrometheusLocator.DockerImage) source).image());
    RealPrometheus prometheus = new RealPrometheus(backend, config);
    try {
      prometheus.startAndAwaitReady();
    } catch (RuntimeException e) {
      backend.destroy();
      throw e;
    }
    return prometheus;
  }

  /** {@code http://127.0.0.1:<port>/} (a mapped port with Docker). */
  public URI baseUri() {
    return Objects.requireNonNull(baseUri, "Prometheus was never started");
  }

  /** Raw JSON access to this server's HTTP API. */
  public RawPrometheusApi api() {
    return api;
  }

  /**
   * The version from {@code /api/v1/status/buildinfo}, e.g. {@code 2.42.0+ds} or {@code 3.12.0}.
   */
  public String version() {
    return api.get("/api/v1/status/buildinfo").path("data").path("version").asText();
  }

  /**
   * Whether this version lists the scrape pool of a job whose discovery found nothing: from 2.55
   * the discovery manager sends an empty target set for it (read from source); 2.42 does not
   * (checked on Debian's 2.42.0), and 3.12.0 does (checked on the lab's build).
   */
  public boolean listsPoolsOfJobsWithoutTargets() {
    String[] parts = version().split("[.+-]");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return major > 2 || (major == 2 && minor >= 55);
  }

  /** The configuration Prometheus currently runs with. */
  public PrometheusConfig config() {
    return config;
  }

  /**
   * Stops the server (SIGTERM); its port then refuses connections. {@link #restart()} brings it
   * back.
   */
  public synchronized void stop() {
    LOG.info("Stopping Prometheus at {}", baseUri);
    backend.stop();
    running = false;
  }

  /**
   * Starts the server again with the same configuration (and, for a local binary, the same port and
   * data).
   */
  public synchronized void restart() {
    if (running) {
      stop();
    }
    startAndAwaitReady();
  }

  /** Replaces the configuration and applies it without a restart ({@code POST /-/reload}). */
  public synchronized void reload(PrometheusConfig newConfig) {
    backend.writeConfig(newConfig);
    this.config = newConfig;
    ReloadRequest.post(baseUri().resolve("/-/reload"));
  }

  /** The last lines Prometheus logged, for failure messages. */
  public String logTail() {
    return backend.logTail();
  }

  @Override
  public synchronized void close() {
    backend.destroy();
    running = false;
  }

  private void startAndAwaitReady() {
    long started = System.nanoTime();
    LOG.info("Starting Prometheus: {}", backend.describe());
    baseUri = backend.start(config);
    running = true;
    URI ready = baseUri.resolve("/-/ready");
    long deadline = started + READY_TIMEOUT.toNanos();
    while (true) {
      backend.checkAlive();
      try {
        if (api.status("/-/ready") == 200) {
          break;
        }
      } catch (IllegalStateException notListeningYet) {
        // connection refused until the web server binds its port
      }
      if (System.nanoTime() > deadline) {
        throw PrometheusErrors.notReady(ready, READY_TIMEOUT, backend.logTail());
      }
      RawPrometheusApi.sleep(100);
    }
    LOG.info(
        "Prometheus {} ready at {} after {} ms",
        version(),
        baseUri,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
