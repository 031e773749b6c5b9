package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.internal.Waiting;
import io.github.milvusmonitored.metrics.internal.HistogramBuckets;
import io.github.milvusmonitored.metrics.internal.MilvusDiagnosis;
import io.github.milvusmonitored.metrics.internal.VersionShape;
import io.github.milvusmonitored.prometheus.Alert;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import io.github.milvusmonitored.prometheus.Sample;
import io.github.milvusmonitored.prometheus.ScrapePoolSources;
import io.github.milvusmonitored.prometheus.Targets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * A Milvus-aware view over a {@link PrometheusClient} for one Helm release.
 *
 * <pre>{@code
 * MilvusMetrics milvus = MilvusMetrics.of(prometheus, MilvusSelector.of("milvus", "my-release"));
 * milvus.awaitFirstSample(Duration.ofMinutes(2));
 * double searches = milvus.requestCounts().count("Search", RequestStatus.TOTAL);
 * OptionalDouble p95 = milvus.latencyQuantile(QueryType.SEARCH, 0.95);
 * }</pre>
 */
public final class MilvusMetrics {

  private final PrometheusClient prometheus;
  private final MilvusSelector release;
  private final String imageTag;
  private final ServiceMonitorSelection selection;

  private MilvusMetrics(
      PrometheusClient prometheus,
      MilvusSelector release,
      String imageTag,
      ServiceMonitorSelection selection) {
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.release = Objects.requireNonNull(release, "release");
    this.imageTag = imageTag;
    this.selection = selection;
  }

  /**
   * The same view, telling {@link TargetStatus.State#NOT_SELECTED} from {@link
   * TargetStatus.State#NO_SCRAPE_POOL} with {@code selection} when Prometheus has no job for the
   * release.
   */
  public MilvusMetrics withServiceMonitorSelection(ServiceMonitorSelection selection) {
    return new MilvusMetrics(
        prometheus, release, imageTag, Objects.requireNonNull(selection, "selection"));
  }

  /** The metrics of {@code release} as scraped by {@code prometheus}. */
  public static MilvusMetrics of(PrometheusClient prometheus, MilvusSelector release) {
    return new MilvusMetrics(prometheus, release, null, null);
  }

  /**
   * This view, knowing the Milvus image tag the release was installed with (e.g. {@code v2.6.19});
   * then {@link #milvusVersion()} is that release.
   *
   * @throws IllegalArgumentException when the tag names no Milvus release, saying which forms work
   */
  public MilvusMetrics withImageTag(String imageTag) {
    MilvusVersion.parse(imageTag);
    return new MilvusMetrics(prometheus, release, imageTag, selection);
  }

  /** The image tag given with {@link #withImageTag}, if any. */
  public Optional<String> imageTag() {
    return Optional.ofNullable(imageTag);
  }

  /**
   * The Milvus release this view looks at: from the configured image tag ({@link #withImageTag}),
   * else from {@code milvus_build_info}, else from the shape of its metrics (2.6.19's status
   * values, 2.6.20's cause, 2.3's {@code knowhere_} names); {@link DetectedVersion#evidence()} says
   * what was seen.
   *
   * @throws MilvusNotScrapedException when Prometheus holds no Milvus metric of the release, so
   *     nothing tells
   */
  public DetectedVersion milvusVersion() {
    if (imageTag != null) {
      return new DetectedVersion(
          MilvusVersion.parse(imageTag),
          DetectedVersion.Source.IMAGE_TAG,
          "the configured image tag " + imageTag);
    }
    for (Sample s :
        prometheus
            .query("max by (version) (" + release.select("milvus_build_info") + ")")
            .samples()) {
      String version = s.labels().find("version").orElse("");
      try {
        return new DetectedVersion(
            MilvusVersion.parse(version),
            DetectedVersion.Source.BUILD_INFO,
            "milvus_build_info{version=\"" + version + "\"}");
      } catch (IllegalArgumentException e) {
        // a nightly build's version names no release: fall back to the shape
      }
    }
    Set<String> names = new TreeSet<>();
    prometheus
        .query(
            "count by (__name__) ({__name__=~\"milvus_.+|knowhere_.+\","
                + release.matchers()
                + "})")
        .samples()
        .forEach(s -> s.labels().find("__name__").ifPresent(names::add));
    Set<String> statuses = new TreeSet<>();
    Set<String> causes = new TreeSet<>();
    prometheus
        .query("count by (status, cause) (" + release.select("milvus_proxy_req_count") + ")")
        .samples()
        .forEach(
            s -> {
              s.labels().find("status").ifPresent(statuses::add);
              s.labels().find("cause").filter(c -> !c.isEmpty()).ifPresent(causes::add);
            });
    return VersionShape.of(names, statuses, causes)
        .orElseThrow(() -> new MilvusNotScrapedException(MilvusDiagnosis.versionUnknown(release)));
  }

  /** The underlying client, for queries of your own. */
  public PrometheusClient prometheus() {
    return prometheus;
  }

  /** The release this view selects. */
  public MilvusSelector release() {
    return release;
  }

  /**
   * Whether Prometheus scrapes the release and, if not, why: no scrape job (ServiceMonitor not
   * picked up), a job without targets (the RBAC symptom), targets dropped by relabelling, down, or
   * up.
   *
   * <p>The release's targets are those carrying its namespace and instance labels or sitting in one
   * of its scrape pools ({@link MilvusSelector#isScrapePoolOf}). Its jobs are looked for in every
   * source ({@link PrometheusClient#scrapePools()}), so the RBAC symptom is recognised whether or
   * not the Prometheus version lists a pool whose discovery found nothing.
   */
  public TargetStatus targetStatus() {
    Targets targets = prometheus.targets();
    List<Targets.Active> mine =
        targets.active().stream()
            .filter(t -> release.matches(t.labels()) || release.isScrapePoolOf(t.scrapePool()))
            .toList();
    if (!mine.isEmpty()) {
      List<String> pools = mine.stream().map(Targets.Active::scrapePool).distinct().toList();
      boolean allUp = mine.stream().allMatch(t -> t.health() == Targets.Health.UP);
      return allUp
          ? new TargetStatus(TargetStatus.State.UP, mine, pools, MilvusDiagnosis.up(release))
          : new TargetStatus(TargetStatus.State.DOWN, mine, pools, MilvusDiagnosis.down(release));
    }
    ScrapePoolSources sources = prometheus.scrapePoolSources(targets);
    List<String> pools = sources.all().stream().filter(release::isScrapePoolOf).toList();
    if (pools.isEmpty()) {
      Optional<String> notSelected =
          selection == null ? Optional.empty() : selection.notSelected(release);
      if (notSelected.isPresent()) {
        return new TargetStatus(
            TargetStatus.State.NOT_SELECTED, List.of(), List.of(), notSelected.get());
      }
      return new TargetStatus(
          TargetStatus.State.NO_SCRAPE_POOL,
          List.of(),
          List.of(),
          MilvusDiagnosis.noScrapePool(release, List.copyOf(sources.all())));
    }
    long dropped =
        targets.dropped().stream()
            .filter(
                d ->
                    release.isScrapePoolOf(d.scrapePool())
                        || d.scrapePool().isEmpty()
                            && d.discoveredLabels()
                                .find("job")
                                .filter(release::isScrapePoolOf)
                                .isPresent())
            .count();
    if (dropped > 0) {
      return new TargetStatus(
          TargetStatus.State.DROPPED,
          List.of(),
          pools,
          MilvusDiagnosis.dropped(release, pools, (int) dropped));
    }
    boolean listed = pools.stream().anyMatch(sources.listed()::contains);
    return new TargetStatus(
        TargetStatus.State.NO_ACTIVE_TARGETS,
        List.of(),
        pools,
        MilvusDiagnosis.noActiveTargets(release, pools, listed));
  }

  /**
   * The target status of each component, e.g. {@code MilvusProfile.CLUSTER.components()}: a
   * component without a target is reported even when the others are up.
   */
  public ComponentTargets targetStatusByComponent(Collection<String> components) {
    return ComponentTargets.of(release, List.copyOf(components), targetStatus());
  }

  /**
   * Waits until every one of {@code components} has a target and all are up.
   *
   * @throws MilvusNotScrapedException naming each component that is not up and why, after {@code
   *     timeout}
   */
  public ComponentTargets awaitComponentsUp(Collection<String> components, Duration timeout) {
    Checks.positive("Timeout", timeout);
    List<String> asked = List.copyOf(components);
    return Waiting.until(
        "Milvus components " + asked + " up",
        timeout,
        outageIsNotYet(
            () -> {
              ComponentTargets s = targetStatusByComponent(asked);
              return s.isUp() ? s : null;
            }),
        () ->
            new MilvusNotScrapedException(
                MilvusDiagnosis.componentsNotUp(release, timeout, safeComponents(asked))));
  }

  /** Whether Prometheus discovered a target of the release (up or down). */
  public boolean isTargetDiscovered() {
    return targetStatus().isDiscovered();
  }

  /** Whether every target of the release is discovered and up. */
  public boolean isUp() {
    return targetStatus().isUp();
  }

  /**
   * The release's view of {@code ALERTS}: the pending and firing alerts whose labels name this
   * release ({@code namespace} and {@code app_kubernetes_io_instance}, which a rule keeps with
   * {@code sum by (namespace, app_kubernetes_io_instance) (...)}), firing first.
   */
  public List<Alert> alerts() {
    return prometheus.alerts().stream()
        .filter(a -> release.matches(a.labels()))
        .sorted(Comparator.comparing((Alert a) -> !a.isFiring()).thenComparing(Alert::name))
        .toList();
  }

  /**
   * The names of the {@code milvus_*} metrics the release has now (within Prometheus's lookback).
   */
  public SortedSet<String> presentMetricNames() {
    InstantVector v =
        prometheus.query(
            "count by (__name__) ({__name__=~\"milvus_.+\"," + release.matchers() + "})");
    SortedSet<String> names = new TreeSet<>();
    v.samples().forEach(s -> s.labels().find("__name__").ifPresent(names::add));
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * {@code milvus_proxy_req_count} summed by function, status and cause: the same answers for the
   * same traffic on every Milvus version ({@link RequestStatus}, {@link RequestCause}).
   */
  public RequestCounts requestCounts() {
    InstantVector v =
        prometheus.query(
            "sum by (function_name, status, cause) ("
                + release.select("milvus_proxy_req_count")
                + ")");
    Map<String, Map<String, Map<String, Double>>> counts = new TreeMap<>();
    for (Sample s : v.samples()) {
      counts
          .computeIfAbsent(s.labels().find("function_name").orElse(""), k -> new HashMap<>())
          .computeIfAbsent(s.labels().find("status").orElse(""), k -> new HashMap<>())
          .merge(s.labels().find("cause").orElse(""), s.value(), Double::sum);
    }
    return new RequestCounts(counts);
  }

  /**
   * The {@code quantile} (0..1) of search or query latency in milliseconds since Milvus started,
   * from the cumulative buckets of {@code milvus_proxy_sq_latency}; empty before the first request.
   *
   * <p>The value is Prometheus's {@code histogram_quantile}: linear within the bucket the quantile
   * falls in, 0 as the lower bound of the lowest bucket, and the upper bound of the highest finite
   * bucket for a quantile in {@code +Inf}. For {@code quantile} 0 it is the lower bound of the
   * lowest bucket holding a request (0 when the 1 ms bucket holds one), where Prometheus itself
   * answers NaN once the lowest bucket is empty. Empty only when no request of {@code type} was
   * counted: no series, or every count 0.
   */
  public OptionalDouble latencyQuantile(QueryType type, double quantile) {
    return quantile(quantile, "sum by (le) (" + latencyBuckets(type) + ")");
  }

  /**
   * The {@code quantile} (0..1) of search or query latency in milliseconds over the last {@code
   * window}.
   *
   * <p>Each bucket counts the requests between the sample Prometheus holds at {@code now - window}
   * and the latest one. A histogram series that appeared inside the window is counted from zero, so
   * its first samples are part of the answer: Milvus creates a series at the first request of its
   * kind, and {@code rate()} would see no increase until a later one. A counter reset inside the
   * window counts from the restart. Empty only when no request of {@code type} was counted in the
   * window; values as for {@link #latencyQuantile(QueryType, double)}.
   *
   * <pre>{@code
   * OptionalDouble p95 = milvus.latencyQuantile(QueryType.SEARCH, 0.95, Duration.ofMinutes(1));
   * }</pre>
   *
   * @param window how far back to look, sent to Prometheus in milliseconds; at least the scrape
   *     interval of the release's targets (a shorter window holds no two samples)
   * @throws IllegalArgumentException when the window is shorter than that interval, naming the
   *     least window that works
   */
  public OptionalDouble latencyQuantile(QueryType type, double quantile, Duration window) {
    Checks.positive("Latency window", window);
    requireQuantile(quantile);
    scrapeInterval()
        .filter(interval -> window.compareTo(interval) < 0)
        .ifPresent(
            interval -> {
              throw MilvusDiagnosis.windowTooShort(release, window, interval);
            });
    String buckets = latencyBuckets(type);
    String before = buckets + " offset " + promqlDuration(window);
    return quantile(
        quantile, "sum by (le) (((" + buckets + " - " + before + ") >= 0) or " + buckets + ")");
  }

  /** The longest scrape interval among the release's active targets, when Prometheus says. */
  private Optional<Duration> scrapeInterval() {
    return prometheus.targets().active().stream()
        .filter(t -> release.matches(t.labels()) || release.isScrapePoolOf(t.scrapePool()))
        .map(Targets.Active::scrapeInterval)
        .flatMap(Optional::stream)
        .max(Duration::compareTo);
  }

  /**
   * {@code 90s} or {@code 1500ms}: whole milliseconds in a form every Prometheus version parses.
   */
  static String promqlDuration(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /** Resident memory of each Milvus process of the release, by pod. */
  public Map<String, Double> processResidentMemoryBytes() {
    Map<String, Double> out = new TreeMap<>();
    prometheus
        .query(release.select("process_resident_memory_bytes"))
        .samples()
        .forEach(s -> out.put(s.labels().find("pod").orElse(s.labels().toString()), s.value()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Waits until Prometheus holds at least one {@code milvus_*} sample of the release.
   *
   * @throws MilvusNotScrapedException with the targets' status and the likely cause, after {@code
   *     timeout}
   */
  public InstantVector awaitFirstSample(Duration timeout) {
    return awaitSample("{__name__=~\"milvus_.+\"," + release.matchers() + "}", timeout);
  }

  /**
   * Waits until {@code promql} returns at least one sample; fails like {@link #awaitFirstSample}.
   */
  public InstantVector awaitSample(String promql, Duration timeout) {
    Checks.positive("Timeout", timeout);
    return Waiting.until(
        "first sample of " + promql,
        timeout,
        outageIsNotYet(
            () -> {
              InstantVector v = prometheus.query(promql);
              return v.isEmpty() ? null : v;
            }),
        () ->
            new MilvusNotScrapedException(
                MilvusDiagnosis.notScraped(release, timeout, promql, safeStatus())));
  }

  /** Waits until every target of the release is discovered and up. */
  public TargetStatus awaitTargetUp(Duration timeout) {
    Checks.positive("Timeout", timeout);
    return Waiting.until(
        "Milvus target up",
        timeout,
        outageIsNotYet(
            () -> {
              TargetStatus s = targetStatus();
              return s.isUp() ? s : null;
            }),
        () ->
            new MilvusNotScrapedException(
                MilvusDiagnosis.notScraped(release, timeout, "up", safeStatus())));
  }

  /** The target status, or a status saying it could not be read; for failure messages. */
  TargetStatus safeStatus() {
    try {
      return targetStatus();
    } catch (PrometheusException e) {
      return new TargetStatus(
          TargetStatus.State.NO_SCRAPE_POOL,
          List.of(),
          List.of(),
          "could not read targets from " + prometheus.baseUri() + ": " + e.getMessage());
    }
  }

  private ComponentTargets safeComponents(List<String> components) {
    return ComponentTargets.of(release, components, safeStatus());
  }

  private String latencyBuckets(QueryType type) {
    return release.select("milvus_proxy_sq_latency_bucket", "query_type=\"" + type.label() + "\"");
  }

  private static void requireQuantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException(
          "Quantile must be between 0 and 1, got " + q + " (0.95 is p95).");
    }
  }

  private OptionalDouble quantile(double q, String buckets) {
    requireQuantile(q);
    InstantVector v = prometheus.query("histogram_quantile(" + q + ", " + buckets + ")");
    OptionalDouble answer =
        v.samples().stream().mapToDouble(Sample::value).filter(d -> !Double.isNaN(d)).findFirst();
    if (answer.isPresent() || q != 0 || v.isEmpty()) {
      return answer;
    }
    // NaN for q = 0 either means no request, or rank 0 in an empty lowest bucket (0/0 in
    // Prometheus's
    // interpolation): the buckets tell which.
    return HistogramBuckets.lowestObservedBound(prometheus.query(buckets));
  }

  /** A probe for which an unreachable Prometheus means "not yet", so a wait rides out an outage. */
  private static <T> Callable<T> outageIsNotYet(Callable<T> probe) {
    return () -> {
      try {
        return probe.call();
      } catch (PrometheusUnavailableException e) {
        return null;
      }
    };
  }
}
