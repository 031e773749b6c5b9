package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.catalogue.CatalogueCoverage;
import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.catalogue.SimilarNames;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.Promql;
import io.github.milvusmonitored.prometheus.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watches a metric assertion on a Milvus release that gets no series, and tells when a metric its
 * PromQL selects is absent in the Milvus version scraped: the catalogue lists it as there from
 * startup, Prometheus has never ingested it, yet the release's target is up and other Milvus
 * families of it are ingested, and all that still holds two scrapes of the target after it was
 * first seen.
 */
public final class AbsenceWatch {

  /** What Prometheus says about the release at one check. */
  public record Evidence(
      Set<String> ingested,
      boolean targetUp,
      Optional<Instant> lastScrape,
      Set<String> releaseNames) {}

  /**
   * A metric the Milvus scraped does not expose, with how many Milvus families of the release it
   * does, and, when the release's image tag is known, what that release's catalogue says ({@code
   * ""} otherwise).
   */
  public record Absence(
      String metric,
      MilvusSelector release,
      int families,
      List<String> similar,
      String versionNote) {
    public Absence(String metric, MilvusSelector release, int families, List<String> similar) {
      this(metric, release, families, similar, "");
    }

    Absence withVersionNote(String note) {
      return new Absence(metric, release, families, similar, note);
    }
  }

  // Checking more often than a target is scraped learns nothing new and loads Prometheus.
  private static final Duration MIN_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final MetricCatalogue catalogue = MetricCatalogue.milvus();
  private final MilvusSelector release;
  private final List<String> selected;
  private final List<String> startup;
  private long lastCheck;
  private Instant seenScrape;
  private int newerScrapes;

  public AbsenceWatch(String promql, MilvusSelector release) {
    this.release = release;
    this.selected = List.copyOf(Promql.metricNames(promql));
    this.startup = selected.stream().filter(catalogue::appearsAtStartup).toList();
  }

  /**
   * Reads the evidence from Prometheus, at most once a second; the absence once it is established.
   */
  public synchronized Optional<Absence> check(MilvusMetrics milvus) {
    if (startup.isEmpty()
        || lastCheck != 0 && System.nanoTime() - lastCheck < MIN_CHECK_INTERVAL.toNanos()) {
      return Optional.empty();
    }
    lastCheck = System.nanoTime();
    try {
      Set<String> ingested = new HashSet<>(milvus.prometheus().labelValues("__name__"));
      if (ingested.containsAll(startup)) {
        return update(new Evidence(ingested, false, Optional.empty(), Set.of()));
      }
      TargetStatus status = milvus.targetStatus();
      // the earliest last scrape: every target of the release must have been scraped since
      Optional<Instant> lastScrape =
          status.targets().stream()
              .map(Targets.Active::lastScrape)
              .flatMap(Optional::stream)
              .min(Comparator.naturalOrder());
      Set<String> names = status.isUp() ? milvus.presentMetricNames() : Set.of();
      return update(new Evidence(ingested, status.isUp(), lastScrape, names))
          .map(a -> a.withVersionNote(versionNote(a.metric(), milvus.imageTag())));
    } catch (PrometheusException e) {
      return Optional.empty();
    }
  }

  /**
   * Takes one check's evidence into account; the absence once it held over two scrapes after its
   * first sight.
   */
  public synchronized Optional<Absence> update(Evidence e) {
    Optional<String> missing = startup.stream().filter(n -> !e.ingested().contains(n)).findFirst();
    if (missing.isEmpty()
        || !e.targetUp()
        || e.releaseNames().isEmpty()
        || e.lastScrape().isEmpty()) {
      seenScrape = null;
      newerScrapes = 0;
      return Optional.empty();
    }
    Instant scrape = e.lastScrape().get();
    if (seenScrape == null) {
      seenScrape = scrape;
      return Optional.empty();
    }
    if (scrape.isAfter(seenScrape)) {
      newerScrapes++;
      seenScrape = scrape;
    }
    // Prometheus stamps a scrape when it starts it: only a second newer one proves the first was
    // stored.
    if (newerScrapes < 2) {
      return Optional.empty();
    }
    String metric = missing.get();
    return Optional.of(
        new Absence(
            metric, release, families(e.releaseNames()), SimilarNames.of(metric, e.ingested())));
  }

  /**
   * What the catalogue of the release's configured image tag says of {@code metric}; empty without
   * a known tag.
   */
  static String versionNote(String metric, Optional<String> imageTag) {
    Optional<MilvusVersion> version =
        imageTag.flatMap(
            tag -> {
              try {
                return Optional.of(MilvusVersion.parse(tag));
              } catch (IllegalArgumentException notARelease) {
                return Optional.empty();
              }
            });
    if (version.isEmpty()) {
      return "";
    }
    CatalogueCoverage.Choice choice = MetricCatalogue.forVersion(version.get());
    boolean listed = choice.catalogue().family(metric).isPresent();
    return "The release runs Milvus "
        + version.get()
        + " (its configured image tag "
        + imageTag.get()
        + "), whose"
        + " metric catalogue "
        + (listed ? "lists it: it should be there" : "lacks it")
        + ".";
  }

  /**
   * The catalogue's explanation for each selected metric Prometheus has never ingested, where it
   * has one.
   */
  public List<String> reasons(Set<String> ingested) {
    return selected.stream()
        .filter(n -> !ingested.contains(n))
        .map(catalogue::absenceReason)
        .flatMap(Optional::stream)
        .toList();
  }

  /** {@link #reasons(Set)} with the names Prometheus has ingested now; empty when it cannot say. */
  public List<String> reasons(MilvusMetrics milvus) {
    try {
      return reasons(new HashSet<>(milvus.prometheus().labelValues("__name__")));
    } catch (PrometheusException e) {
      return List.of();
    }
  }

  /** The metric families among {@code names}: a histogram's or summary's series count once. */
  private static int families(Set<String> names) {
    return (int)
        names.stream()
            .map(
                n -> {
                  for (String suffix : List.of("_bucket", "_sum", "_count")) {
                    String base =
                        n.endsWith(suffix) ? n.substring(0, n.length() - suffix.length()) : null;
                    if (base != null
                        && names.contains(base + "_sum")
                        && names.contains(base + "_count")) {
                      return base;
                    }
                  }
                  return n;
                })
            .distinct()
            .count();
  }
}
