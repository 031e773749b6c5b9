package io.github.milvusmonitored.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on a free loopback port that exposes what one Milvus 2.6.15 process exposes on
 * 9091: a standalone process by default, or one process of a Milvus cluster.
 *
 * <pre>{@code
 * try (MilvusTestExporter exporter = MilvusTestExporter.builder().start()) {
 *     exporter.traffic().insert("books", 100);
 *     exporter.setGauge("milvus_rootcoord_collection_num", Map.of("db_name", "default"), 1);
 *     URI scrape = exporter.metricsUri();
 * }
 * try (MilvusTestExporter querynode = MilvusTestExporter.builder().withComponent("querynode").start()) {
 *     querynode.exposes("milvus_querynode_disk_used_size");   // true
 *     querynode.exposes("milvus_rootcoord_proxy_num");        // false: a mixcoord family
 * }
 * }</pre>
 *
 * <p>At startup {@code /metrics} holds the catalogue's startup families of the process only;
 * families that Milvus exposes after a first observation appear once traffic or a setter touches
 * them; families Milvus never sets are refused, and so are families the process does not expose (a
 * querynode family on a proxy exporter). Which process exposes which family follows the catalogue's
 * {@code component} column, see {@link MetricFamilySpec#exposedBy(String)}. Label names must match
 * the catalogue exactly. The exposition carries no {@code component} label, as Milvus's own
 * registry adds none: in Kubernetes {@code component="standalone"} (or {@code "querynode"}, ...) is
 * a target label that the ServiceMonitor copies from the Service, and {@link MilvusTarget} adds it
 * the same way. {@code /healthz} answers 200 "OK".
 */
public final class MilvusTestExporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusTestExporter.class);

  private final ExporterRegistry registry;
  private final MilvusTraffic traffic;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicReference<ScrapeFault> fault = new AtomicReference<>(ScrapeFault.NONE);
  private final AtomicLong scrapes = new AtomicLong();

  private MilvusTestExporter(Builder builder) {
    MilvusMetricCatalogue catalogue = MilvusMetricCatalogue.v2_6_15();
    this.registry = new ExporterRegistry(catalogue, builder.component);
    StartupSeries.apply(
        registry, catalogue, builder.nodeId, "v" + builder.milvusVersion.replaceFirst("^v", ""));
    this.traffic = new MilvusTraffic(registry, builder.nodeId, builder.milvusVersion);
    try {
      this.server = HttpServer.create(builder.address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the Milvus test exporter to " + builder.address, e);
    }
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "milvus-test-exporter");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/metrics", this::metrics);
    server.createContext(
        "/healthz", exchange -> respond(exchange, 200, "text/plain; charset=utf-8", "OK"));
    server.start();
    LOG.info(
        "Milvus test exporter (Milvus {} {}, node_id {}) serves {}",
        builder.milvusVersion,
        builder.component,
        builder.nodeId,
        metricsUri());
  }

  /**
   * A builder; {@code MilvusTestExporter.builder().start()} gives a Milvus 2.6.15 standalone
   * exporter.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Milvus process this exporter stands for: {@code standalone}, {@code mixcoord}, {@code
   * proxy}, ...
   */
  public String component() {
    return registry.component();
  }

  /**
   * The traffic simulator raising the proxy request metrics.
   *
   * <p>Milvus counts client requests in the proxy alone, so only a standalone or a proxy exporter
   * has one; a mixcoord, querynode, datanode or streamingnode exporter refuses rather than expose
   * proxy families its process never has. The simulator raises the proxy families only; it does not
   * imitate the work a request causes on the other processes (set those families with the setters
   * on their exporters).
   *
   * @throws IllegalStateException on an exporter of another component, naming the proxy's exporter
   *     to use
   */
  public MilvusTraffic traffic() {
    if (!component().equals(MilvusComponents.STANDALONE) && !component().equals("proxy")) {
      throw ExporterErrors.noTrafficOn(component());
    }
    return traffic;
  }

  /**
   * Sets a gauge sample; refuses names not in the catalogue, families the process does not expose
   * and label names other than the family's.
   */
  public MilvusTestExporter setGauge(String name, Map<String, String> labels, double value) {
    registry.setGauge(name, labels, value);
    return this;
  }

  /** Increments a counter sample by {@code amount} (not negative). */
  public MilvusTestExporter incrementCounter(
      String name, Map<String, String> labels, double amount) {
    registry.incrementCounter(name, labels, amount);
    return this;
  }

  /**
   * Records one observation in a histogram sample, in the family's unit (milliseconds for milvus_
   * latencies).
   */
  public MilvusTestExporter observe(String name, Map<String, String> labels, double value) {
    registry.observe(name, labels, value);
    return this;
  }

  /** Whether {@code /metrics} currently contains the family. */
  public boolean exposes(String family) {
    return registry.exposes(family);
  }

  /** The current {@code /metrics} body. */
  public String exposition() {
    return ExpositionWriter.write(registry);
  }

  /**
   * Makes every following scrape answer with this HTTP status (e.g. 500), so the target turns down.
   */
  public void failScrapesWith(int httpStatus) {
    fault.set(new ScrapeFault(httpStatus, Duration.ZERO));
  }

  /** Delays every following scrape; longer than the scrape timeout, the target turns down. */
  public void delayScrapes(Duration delay) {
    fault.set(new ScrapeFault(0, delay));
  }

  /** Serves scrapes normally again. */
  public void serveScrapesNormally() {
    fault.set(ScrapeFault.NONE);
  }

  /** How many requests {@code /metrics} has received. */
  public long scrapeCount() {
    return scrapes.get();
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>/metrics}. */
  public URI metricsUri() {
    return URI.create(
        "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/metrics");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void metrics(HttpExchange exchange) throws IOException {
    scrapes.incrementAndGet();
    ScrapeFault current = fault.get();
    if (!current.delay().isZero()) {
      try {
        Thread.sleep(current.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
    }
    if (current.httpStatus() != 0) {
      respond(
          exchange,
          current.httpStatus(),
          "text/plain; charset=utf-8",
          "metrics gathering failed (status " + current.httpStatus() + " set by the test)\n");
      return;
    }
    respond(exchange, 200, ExpositionWriter.CONTENT_TYPE, exposition());
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record ScrapeFault(int httpStatus, Duration delay) {
    static final ScrapeFault NONE = new ScrapeFault(0, Duration.ZERO);
  }

  /** Configuration of a {@link MilvusTestExporter}. */
  public static final class Builder {
    private String milvusVersion = "2.6.15";
    private String nodeId = "1";
    private String component = MilvusComponents.STANDALONE;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Builder() {}

    /**
     * The address to serve on (default: a free loopback port). The control-plane lab binds each
     * exporter to the address of the Milvus pod it stands for, e.g. {@code 198.19.0.7:9091}.
     */
    public Builder withAddress(InetSocketAddress value) {
      this.address = value;
      return this;
    }

    /**
     * The Milvus version to imitate in {@code milvus_build_info} and in request statuses (in 2.6.19
     * {@code fail} splits into {@code fail_input|fail_system}). The families stay those of 2.6.15.
     * Up to 2.6.19 only: 2.6.20 and later write the split into a {@code cause} label, which the
     * exporter does not imitate (use the expositions built from the library's 2.6.20 and 2.6.21
     * catalogues instead).
     *
     * @throws IllegalArgumentException for a version from 2.6.20 on, saying so
     */
    public Builder withMilvusVersion(String version) {
      MilvusTraffic.splitsFailStatus(
          version); // refuses what is not a version now rather than later
      if (MilvusTraffic.writesCauseLabel(version)) {
        throw ExporterErrors.causeLabelNotImitated(version);
      }
      this.milvusVersion = version.replaceFirst("^v", "");
      return this;
    }

    /**
     * The Milvus process to stand for, as the chart's {@code component} label names it (default
     * {@code standalone}): {@code standalone} runs every role and exposes every family; {@code
     * mixcoord} (rootcoord, datacoord, querycoord and streamingcoord), {@code proxy}, {@code
     * querynode}, {@code datanode} and {@code streamingnode} expose the common, Go runtime and
     * process families and their own, and count only their own role in {@code milvus_num_node}.
     *
     * @throws IllegalArgumentException for any other name, naming the valid ones
     */
    public Builder withComponent(String value) {
      this.component = MilvusComponents.require(value);
      return this;
    }

    /** The {@code node_id} label value of the process (default {@code 1}). */
    public Builder withNodeId(long nodeId) {
      this.nodeId = Long.toString(nodeId);
      return this;
    }

    /** Binds the server and starts serving. */
    public MilvusTestExporter start() {
      return new MilvusTestExporter(this);
    }
  }
}
