package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.SimilarNames;
import io.github.milvusmonitored.metrics.DetectedVersion;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells why a query returned nothing, per metric it names: the release's target is not up; the
 * metric has series, but not with the release's labels; it appears only after traffic or never in
 * this Milvus version (the metric catalogue). Answers are cached per metric for the whole audit.
 */
public final class NoDataExplainer {

  private final PrometheusClient prometheus;
  private final MilvusSelector release;
  private final Set<String> ingested;
  private final Instant end;
  private final Duration range;
  private final MetricCatalogue catalogue;
  private final Optional<VersionedReasons> versioned;
  private final Map<String, Optional<String>> perMetric = new ConcurrentHashMap<>();
  private volatile Optional<String> target;

  public NoDataExplainer(
      PrometheusClient prometheus,
      MilvusSelector release,
      Set<String> ingested,
      Instant end,
      Duration range) {
    this(prometheus, release, ingested, end, range, Optional.empty());
  }

  /**
   * An explainer that knows which Milvus release is scraped, so it explains with that release's
   * catalogue.
   */
  public NoDataExplainer(
      PrometheusClient prometheus,
      MilvusSelector release,
      Set<String> ingested,
      Instant end,
      Duration range,
      Optional<DetectedVersion> version) {
    this.catalogue =
        version
            .map(v -> MetricCatalogue.forVersion(v.version()).catalogue())
            .orElseGet(MetricCatalogue::milvus);
    this.versioned = version.map(VersionedReasons::new);
    this.prometheus = prometheus;
    this.release = release;
    this.ingested = ingested;
    this.end = end;
    this.range = range;
  }

  /**
   * Why metrics never ingested are absent: a reason per metric the catalogue knows, empty for the
   * others.
   */
  public Optional<String> catalogueReason(String metric) {
    return catalogue.absenceReason(metric);
  }

  /**
   * What a metric that Prometheus has never ingested most likely means; the catalogue tells
   * Milvus's own.
   */
  public String unknownReason(String metric, Collection<String> similar) {
    return versioned
        .flatMap(v -> v.unknownMetric(metric))
        .map(
            r ->
                r
                    + (similar.isEmpty()
                        ? ""
                        : ". Similar metrics that exist: " + String.join(", ", similar)))
        .orElseGet(
            () -> DashboardErrors.neverIngested(metric, catalogue.component(metric), similar));
  }

  /**
   * Selectors of {@code promql} that fit another Milvus release than the scraped one; empty when
   * unknown.
   */
  public List<String> versionReasons(String promql) {
    return versioned.map(v -> v.selectorReasons(promql)).orElse(List.of());
  }

  /** The reasons for an empty answer of an expression selecting {@code metrics}; never empty. */
  public List<String> explain(Collection<String> metrics) {
    List<String> reasons = new ArrayList<>();
    targetReason().ifPresent(reasons::add);
    for (String metric : metrics) {
      perMetric.computeIfAbsent(metric, this::metricReason).ifPresent(reasons::add);
    }
    if (reasons.isEmpty()) {
      reasons.add(
          metrics.isEmpty()
              ? "the expression selects no metric"
              : "every metric of the expression has samples for this release in the window: a label filter or the"
                  + " arithmetic of the expression removes every series");
    }
    return reasons;
  }

  /**
   * Ingested metric names that most likely stand for {@code metric}, best first (see {@link
   * SimilarNames}).
   */
  public List<String> similar(String metric) {
    return SimilarNames.of(metric, ingested);
  }

  private Optional<String> targetReason() {
    Optional<String> t = target;
    if (t == null) {
      try {
        TargetStatus status = MilvusMetrics.of(prometheus, release).targetStatus();
        t =
            status.isUp()
                ? Optional.empty()
                : Optional.of(
                    "the release's Milvus target is "
                        + status.state()
                        + ": "
                        + status.explanation());
      } catch (PrometheusException e) {
        t = Optional.empty();
      }
      target = t;
    }
    return t;
  }

  private Optional<String> metricReason(String metric) {
    if (!ingested.contains(metric)) {
      return catalogue.absenceReason(metric);
    }
    InstantVector where;
    try {
      where =
          prometheus.query(
              "count by (namespace, app_kubernetes_io_instance) (count_over_time({__name__=\""
                  + metric
                  + "\"}["
                  + Math.max(1, range.toSeconds())
                  + "s]))",
              end);
    } catch (PrometheusException e) {
      return Optional.empty();
    }
    Set<String> places = new TreeSet<>();
    boolean mine = false;
    for (var s : where.samples()) {
      String ns = s.labels().find("namespace").orElse("");
      String instance = s.labels().find("app_kubernetes_io_instance").orElse("");
      mine |= ns.equals(release.namespace()) && instance.equals(release.instance());
      places.add("namespace=\"" + ns + "\", app_kubernetes_io_instance=\"" + instance + "\"");
    }
    if (mine) {
      return Optional.empty();
    }
    if (places.isEmpty()) {
      return Optional.of(
          metric
              + " has no sample in the audited window (Prometheus ingested it before)"
              + catalogue.absenceReason(metric).map(r -> "; " + r).orElse(""));
    }
    return Optional.of(
        metric
            + " exists, but not for this release's labels namespace=\""
            + release.namespace()
            + "\", app_kubernetes_io_instance=\""
            + release.instance()
            + "\" (it has series for "
            + String.join("; ", places.stream().limit(5).toList())
            + (places.size() > 5 ? "; ..." : "")
            + ")");
  }
}
