package io.github.milvusmonitored.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Milvus test exporter and a real Prometheus scraping it, for integration tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().build();
 *
 * @Test
 * void sees_inserts() {
 *     env.exporter().traffic().insert("books", 100);
 *     env.api().awaitQuery("milvus_proxy_insert_vectors_count", r -> r.size() == 1, Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>As a static field it starts once before all tests of the class and stops after them; as an
 * instance field, around each test. Outside JUnit, call {@link #start()} and {@link #close()}.
 * Prometheus scrapes the exporter as the chart's ServiceMonitor job ({@link #target()}). It also
 * has the job of release {@code other-release} whose discovery finds nothing, the RBAC symptom as
 * it arises ({@link #undiscoveredTarget()}; Prometheus 2.42 does not list its scrape pool), and an
 * empty scrape pool that every version lists for release {@code listed-release} ({@link
 * #emptyPoolTarget()}).
 */
public final class PrometheusWithMilvusExporter
    implements AutoCloseable,
        BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback {

  private final Builder builder;
  private MilvusTestExporter exporter;
  private RealPrometheus prometheus;
  private MilvusTarget target;
  private boolean perTest;

  private PrometheusWithMilvusExporter(Builder builder) {
    this.builder = builder;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the exporter, then Prometheus; does nothing if already started. */
  public synchronized PrometheusWithMilvusExporter start() {
    if (prometheus != null) {
      return this;
    }
    exporter = MilvusTestExporter.builder().withMilvusVersion(builder.milvusVersion).start();
    target = builder.target.apply(MilvusTarget.standalone(exporter.port()));
    PrometheusConfig.Builder config =
        PrometheusConfig.builder()
            .withScrapeInterval(builder.scrapeInterval)
            .withEvaluationInterval(builder.scrapeInterval)
            .withMilvusTarget(target)
            .withUndiscoveredTarget(undiscoveredTarget())
            .withEmptyScrapePool(emptyPoolTarget().jobName());
    builder.ruleFiles.forEach(config::withRuleFile);
    try {
      prometheus = RealPrometheus.start(config.build());
    } catch (RuntimeException e) {
      exporter.close();
      exporter = null;
      throw e;
    }
    return this;
  }

  public MilvusTestExporter exporter() {
    return started(exporter);
  }

  public RealPrometheus prometheus() {
    return started(prometheus);
  }

  public RawPrometheusApi api() {
    return prometheus().api();
  }

  /** The scraped Milvus target. */
  public MilvusTarget target() {
    return started(target);
  }

  /**
   * The target whose job's discovery finds nothing: same namespace, release {@code other-release}.
   */
  public MilvusTarget undiscoveredTarget() {
    return started(target).withRelease("other-release").withPort(0);
  }

  /**
   * The target whose scrape pool is listed with no targets: same namespace, release {@code
   * listed-release}.
   */
  public MilvusTarget emptyPoolTarget() {
    return started(target).withRelease("listed-release").withPort(0);
  }

  /**
   * Waits until Prometheus has scraped the exporter once: {@code up} is 1 and {@code
   * milvus_build_info} is stored.
   */
  public JsonNode awaitFirstScrape() {
    Duration timeout = builder.scrapeInterval.multipliedBy(3).plusSeconds(20);
    String job = target().service();
    api().awaitQuery("up{job=\"" + job + "\"} == 1", r -> r.size() == 1, timeout);
    return api().awaitQuery("milvus_build_info{job=\"" + job + "\"}", r -> r.size() == 1, timeout);
  }

  @Override
  public synchronized void close() {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      prometheus = null;
      if (exporter != null) {
        exporter.close();
        exporter = null;
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    if (prometheus == null) {
      perTest = true;
      start();
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (perTest) {
      close();
    }
  }

  private <T> T started(T value) {
    if (value == null) {
      throw new IllegalStateException(
          "PrometheusWithMilvusExporter is not started: register it with"
              + " @RegisterExtension or call start() first");
    }
    return value;
  }

  /** Configures a {@link PrometheusWithMilvusExporter}; the scrape interval defaults to 1 s. */
  public static final class Builder {
    private Duration scrapeInterval = Duration.ofSeconds(1);
    private String milvusVersion = "2.6.15";
    private UnaryOperator<MilvusTarget> target = UnaryOperator.identity();
    private final Map<String, String> ruleFiles = new LinkedHashMap<>();

    private Builder() {}

    public Builder withScrapeInterval(Duration value) {
      this.scrapeInterval = value;
      return this;
    }

    /** The Milvus version the exporter imitates (build info, request statuses). */
    public Builder withMilvusVersion(String value) {
      this.milvusVersion = value;
      return this;
    }

    /** Changes the target labels, e.g. {@code t -> t.withNamespace("vectors")}. */
    public Builder withTarget(UnaryOperator<MilvusTarget> customizer) {
      this.target = customizer;
      return this;
    }

    public Builder withRuleFile(String name, String yaml) {
      ruleFiles.put(name, yaml);
      return this;
    }

    public PrometheusWithMilvusExporter build() {
      return new PrometheusWithMilvusExporter(this);
    }
  }
}
