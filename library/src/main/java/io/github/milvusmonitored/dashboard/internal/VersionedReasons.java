package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.catalogue.CatalogueCoverage;
import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.catalogue.SelectorChange;
import io.github.milvusmonitored.catalogue.SelectorCheck;
import io.github.milvusmonitored.metrics.DetectedVersion;
import io.github.milvusmonitored.prometheus.Promql;
import io.github.milvusmonitored.prometheus.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a query finds nothing on the Milvus release actually scraped: its metric has another name
 * there (renamed in 2.6: {@code knowhere_search_latency} is {@code search_latency}), appears only
 * in other releases, or a label or value it matches exists only in other releases (2.6.19's {@code
 * status="fail_input"}, the {@code cause} label from 2.6.20). Reads the catalogue of that release
 * and of the others.
 */
public final class VersionedReasons {

  private final DetectedVersion version;
  private final MetricCatalogue scraped;

  public VersionedReasons(DetectedVersion version) {
    this.version = version;
    this.scraped = MetricCatalogue.forVersion(version.version()).catalogue();
  }

  /** The release, as the explanations name it: {@code 2.3.5 (exposition shape: ...)}. */
  String described() {
    return DashboardErrors.scrapedVersion(version);
  }

  /**
   * Why {@code metric}, never ingested, is absent from the scraped release; empty when the
   * catalogues do not tell.
   */
  public Optional<String> unknownMetric(String metric) {
    if (scraped.family(metric).isPresent()) {
      return Optional.empty();
    }
    for (MilvusVersion other : others()) {
      MetricCatalogue c = MetricCatalogue.of(other);
      if (c.family(metric).isEmpty()) {
        continue;
      }
      Selector selector = new Selector(metric, List.of(), metric);
      SelectorCheck check =
          new SelectorCheck(c, other.toString(), scraped, version.version().toString());
      for (SelectorChange f : check.check(selector)) {
        if (f.kind() == SelectorChange.Kind.METRIC_RENAMED) {
          return Optional.of(
              DashboardErrors.renamedIn(
                  metric, described(), f.rewrite().orElseThrow(), renamedText(c, metric, f)));
        }
      }
      return Optional.of(
          DashboardErrors.onlyInOtherReleases(metric, described(), releasesWith(metric)));
    }
    return Optional.empty();
  }

  /**
   * The selectors of {@code promql} that match nothing on the scraped release though they match on
   * another, each with why and the rewrite for the scraped release.
   */
  public List<String> selectorReasons(String promql) {
    Set<String> out = new LinkedHashSet<>();
    for (Selector s : Promql.selectors(promql)) {
      if (scraped.family(s.metric()).isEmpty() || s.matchers().isEmpty()) {
        continue;
      }
      for (MilvusVersion other : others()) {
        MetricCatalogue c = MetricCatalogue.of(other);
        Optional<SelectorChange> broken =
            new SelectorCheck(c, other.toString(), scraped, version.version().toString())
                .check(s).stream()
                    .filter(f -> f.breaks() && f.kind() != SelectorChange.Kind.METRIC_REMOVED)
                    .findFirst();
        if (broken.isPresent()) {
          out.add(
              DashboardErrors.selectorOfOtherRelease(
                  s.text(),
                  other.toString(),
                  described(),
                  version.version().toString(),
                  broken.get().explanation(),
                  broken.get().rewrite()));
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  /** The catalogued releases other than the scraped one's, nearest first. */
  private List<MilvusVersion> others() {
    List<MilvusVersion> out = new ArrayList<>(CatalogueCoverage.catalogued());
    out.remove(scraped.version());
    long at = ordinal(version.version());
    out.sort(Comparator.comparingLong(v -> Math.abs(ordinal(v) - at)));
    return out;
  }

  private static long ordinal(MilvusVersion v) {
    return v.major() * 1_000_000L + v.minor() * 1_000L + v.patch();
  }

  private static List<String> releasesWith(String metric) {
    return CatalogueCoverage.ranges().stream()
        .filter(r -> MetricCatalogue.of(r.catalogued()).family(metric).isPresent())
        .map(CatalogueCoverage.Range::range)
        .toList();
  }

  /**
   * "renamed in 2.6: `knowhere_search_latency` is `search_latency`", naming the minor release of
   * the newer name.
   */
  private String renamedText(MetricCatalogue other, String metric, SelectorChange f) {
    String oldName =
        other.version().compareTo(scraped.version()) < 0
            ? other.family(metric).orElseThrow().name()
            : scraped.family(f.rewrite().orElseThrow()).orElseThrow().name();
    String newName =
        other.version().compareTo(scraped.version()) < 0
            ? scraped.family(f.rewrite().orElseThrow()).orElseThrow().name()
            : other.family(metric).orElseThrow().name();
    MilvusVersion newer =
        other.version().compareTo(scraped.version()) < 0 ? scraped.version() : other.version();
    return "renamed in "
        + newer.major()
        + "."
        + newer.minor()
        + ": `"
        + oldName
        + "` is `"
        + newName
        + "`";
  }
}
