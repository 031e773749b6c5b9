package io.github.milvusmonitored.dashboard;

import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.dashboard.internal.AuditWindow;
import io.github.milvusmonitored.dashboard.internal.DashboardErrors;
import io.github.milvusmonitored.dashboard.internal.GrafanaDurations;
import io.github.milvusmonitored.dashboard.internal.NoDataExplainer;
import io.github.milvusmonitored.dashboard.internal.QueryEvaluator;
import io.github.milvusmonitored.dashboard.internal.VariableResolver;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.internal.DaemonThreads;
import io.github.milvusmonitored.metrics.DetectedVersion;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a Grafana dashboard against one Milvus release: which panels show data, and why the others
 * do not.
 *
 * <pre>{@code
 * DashboardAudit audit = DashboardAuditor.create(milvus)          // MilvusMetrics of the release
 *     .withTimeRange(Duration.ofMinutes(15))
 *     .audit(GrafanaDashboard.load(DashboardSource.officialMilvus("v2.6.15")));
 * audit.writeReport(Path.of("target/dashboard-audit"));
 * assertThatDashboard(audit).allowingNoDataIn("Proxy / Search Latency").hasNoPanelsWithoutData();
 * }</pre>
 *
 * <p>The variables {@code namespace}, {@code instance} and {@code app_name} (those of Milvus's own
 * dashboard) are bound to the release; every other variable is resolved the way Grafana resolves it
 * on load. Each visible Prometheus query then runs as Grafana runs it, over the last {@link
 * #withTimeRange time range} (the dashboard's own relative range unless set, else 15 minutes).
 * Instances are immutable.
 */
public final class DashboardAuditor {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardAuditor.class);

  private final PrometheusClient prometheus;
  private final MilvusSelector release;
  private final Duration timeRange;
  private final int maxDataPoints;
  private final Duration scrapeInterval;
  private final Map<String, String> bindings;
  private final int parallelism;
  private final String imageTag;

  private DashboardAuditor(
      PrometheusClient prometheus,
      MilvusSelector release,
      Duration timeRange,
      int maxDataPoints,
      Duration scrapeInterval,
      Map<String, String> bindings,
      int parallelism) {
    this(
        prometheus, release, timeRange, maxDataPoints, scrapeInterval, bindings, parallelism, null);
  }

  private DashboardAuditor(
      PrometheusClient prometheus,
      MilvusSelector release,
      Duration timeRange,
      int maxDataPoints,
      Duration scrapeInterval,
      Map<String, String> bindings,
      int parallelism,
      String imageTag) {
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.release = Objects.requireNonNull(release, "release");
    this.timeRange = timeRange;
    this.maxDataPoints = maxDataPoints;
    this.scrapeInterval = scrapeInterval;
    this.bindings = Map.copyOf(bindings);
    this.parallelism = parallelism;
    this.imageTag = imageTag;
  }

  /** An auditor for {@code release} as scraped by {@code prometheus}. */
  public static DashboardAuditor create(PrometheusClient prometheus, MilvusSelector release) {
    Map<String, String> bindings = new LinkedHashMap<>();
    bindings.put("namespace", release.namespace());
    bindings.put("instance", release.instance());
    bindings.put("app_name", "milvus");
    return new DashboardAuditor(
        prometheus, release, null, 1000, Duration.ofSeconds(15), bindings, 4);
  }

  /**
   * An auditor for the release that {@code milvus} looks at (and its image tag, when it was given
   * one).
   */
  public static DashboardAuditor create(MilvusMetrics milvus) {
    DashboardAuditor auditor = create(milvus.prometheus(), milvus.release());
    return milvus.imageTag().map(auditor::withImageTag).orElse(auditor);
  }

  /**
   * Reads a duration as Grafana writes a time range or an interval: {@code 30s}, {@code 15m},
   * {@code 1h30m}, {@code 500ms}, units y w d h m s ms; a bare number counts as seconds. For {@link
   * #withTimeRange} and {@link #withScrapeInterval} from text, e.g. a command-line option:
   *
   * <pre>{@code
   * auditor.withTimeRange(DashboardAuditor.parseDuration("1h"));
   * }</pre>
   *
   * @throws IllegalArgumentException naming the text when it is not such a duration or too long to
   *     count in milliseconds
   */
  public static Duration parseDuration(String text) {
    return GrafanaDurations.parse(text);
  }

  /** Evaluates the last {@code range} instead of the dashboard's own time range. */
  public DashboardAuditor withTimeRange(Duration range) {
    Checks.positive("Time range", range);
    return new DashboardAuditor(
        prometheus, release, range, maxDataPoints, scrapeInterval, bindings, parallelism, imageTag);
  }

  /**
   * Max data points for panels that set none (default 1000; Grafana uses the panel's width in
   * pixels).
   */
  public DashboardAuditor withMaxDataPoints(int points) {
    if (points < 1) {
      throw new IllegalArgumentException("Max data points must be at least 1, got " + points);
    }
    return new DashboardAuditor(
        prometheus, release, timeRange, points, scrapeInterval, bindings, parallelism, imageTag);
  }

  /**
   * The data source's scrape interval: the minimum {@code $__interval} and the base of {@code
   * $__rate_interval} (default 15 s, Grafana's default for a Prometheus data source).
   */
  public DashboardAuditor withScrapeInterval(Duration interval) {
    Checks.positive("Scrape interval", interval);
    return new DashboardAuditor(
        prometheus, release, timeRange, maxDataPoints, interval, bindings, parallelism, imageTag);
  }

  /** Gives variable {@code name} the value {@code value}, whatever the dashboard selects. */
  public DashboardAuditor withBinding(String name, String value) {
    Map<String, String> b = new LinkedHashMap<>(bindings);
    b.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new DashboardAuditor(
        prometheus, release, timeRange, maxDataPoints, scrapeInterval, b, parallelism, imageTag);
  }

  /**
   * Leaves variable {@code name} to the dashboard (e.g. to see what its own {@code instance} query
   * finds).
   */
  public DashboardAuditor withoutBinding(String name) {
    Map<String, String> b = new LinkedHashMap<>(bindings);
    b.remove(name);
    return new DashboardAuditor(
        prometheus, release, timeRange, maxDataPoints, scrapeInterval, b, parallelism, imageTag);
  }

  /** How many queries run at the same time (default 4). */
  public DashboardAuditor withParallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Parallelism must be at least 1, got " + threads);
    }
    return new DashboardAuditor(
        prometheus, release, timeRange, maxDataPoints, scrapeInterval, bindings, threads, imageTag);
  }

  /**
   * Names the Milvus image tag the release runs (e.g. {@code v2.3.5}), so that empty panels are
   * explained with that release's metric catalogue. Without it the auditor reads the release from
   * {@code milvus_build_info}, else from the shape of its metrics ({@link
   * MilvusMetrics#milvusVersion()}).
   *
   * @throws IllegalArgumentException when the tag names no Milvus release
   */
  public DashboardAuditor withImageTag(String tag) {
    MilvusVersion.parse(tag);
    return new DashboardAuditor(
        prometheus, release, timeRange, maxDataPoints, scrapeInterval, bindings, parallelism, tag);
  }

  /** Loads the dashboard from {@code source}, then audits it. */
  public DashboardAudit audit(DashboardSource source) {
    return audit(GrafanaDashboard.load(source));
  }

  /**
   * Audits {@code dashboard}; logs the one-line summary.
   *
   * @throws PrometheusException when Prometheus cannot be reached (a rejected query is a panel's
   *     {@link QueryState#ERROR}, not an exception)
   */
  public DashboardAudit audit(GrafanaDashboard dashboard) {
    long started = System.nanoTime();
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Duration range =
        timeRange != null ? timeRange : dashboard.timeRange().orElse(Duration.ofMinutes(15));
    AuditWindow window = new AuditWindow(end.minus(range), end, maxDataPoints, scrapeInterval);
    Set<String> ingested = new HashSet<>(prometheus.labelValues("__name__"));
    VariableResolver resolver =
        new VariableResolver(prometheus, window.builtIns(window.interval("", 0)), bindings, end);
    List<ResolvedVariable> variables = resolver.resolveAll(dashboard.variables());
    NoDataExplainer explainer =
        new NoDataExplainer(prometheus, release, ingested, end, range, milvusVersion());
    QueryEvaluator evaluator =
        new QueryEvaluator(
            prometheus,
            window,
            resolver.variables(),
            resolver.regexFormatted(),
            ingested,
            explainer);
    List<PanelAudit> panels = run(dashboard, evaluator);
    DashboardAudit audit =
        new DashboardAudit(
            dashboard,
            release,
            prometheus.baseUri(),
            window.start(),
            end,
            variables,
            panels,
            Duration.ofNanos(System.nanoTime() - started));
    LOG.info("{}", audit.summary());
    return audit;
  }

  /**
   * The release scraped, or empty when nothing tells (no Milvus metric yet): then the 2.6.15
   * catalogue explains.
   */
  private Optional<DetectedVersion> milvusVersion() {
    MilvusMetrics milvus = MilvusMetrics.of(prometheus, release);
    try {
      var version = (imageTag == null ? milvus : milvus.withImageTag(imageTag)).milvusVersion();
      LOG.info("Explaining empty panels for {}", DashboardErrors.scrapedVersion(version));
      return Optional.of(version);
    } catch (PrometheusException e) {
      LOG.info(
          "Explaining empty panels with the Milvus {} catalogue: {}",
          MetricCatalogue.VERSION,
          e.getMessage());
      return Optional.empty();
    }
  }

  private List<PanelAudit> run(GrafanaDashboard dashboard, QueryEvaluator evaluator) {
    ExecutorService pool = DaemonThreads.pool("milvus-monitored-dashboard-audit", parallelism);
    try {
      List<List<Future<QueryAudit>>> futures = new ArrayList<>();
      for (DashboardPanel panel : dashboard.panels()) {
        List<Future<QueryAudit>> perPanel = new ArrayList<>();
        panel.queries().forEach(q -> perPanel.add(pool.submit(() -> evaluator.evaluate(panel, q))));
        futures.add(perPanel);
      }
      List<PanelAudit> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        List<QueryAudit> queries = new ArrayList<>();
        for (Future<QueryAudit> f : futures.get(i)) {
          queries.add(f.get());
        }
        out.add(new PanelAudit(dashboard.panels().get(i), queries));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(
          "Interrupted while auditing dashboard '" + dashboard.title() + "'", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
