package io.github.milvusmonitored.catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which catalogue describes which Milvus releases, and what is assumed when a release has none of
 * its own.
 *
 * <pre>{@code
 * List<String> covered = CatalogueCoverage.coveredInWords(); // [2.3.x (2.3.5), 2.6.0-2.6.18 (2.6.15), ...]
 * }</pre>
 *
 * <p>2.3.5 stands for 2.3.x, 2.6.15 for 2.6.0-2.6.18, then 2.6.19, 2.6.20, and 2.6.21 for 2.6.21
 * and later 2.6 releases. A release outside every range is read with the nearest catalogue (by
 * minor release), and the choice says so.
 */
public final class CatalogueCoverage {

  /**
   * A catalogue and the releases it stands for.
   *
   * @param catalogued the release the catalogue was made from
   * @param from the first release it stands for
   * @param until the first release it no longer stands for
   * @param range the releases in words, e.g. {@code 2.6.0-2.6.18}
   */
  public record Range(
      MilvusVersion catalogued, MilvusVersion from, MilvusVersion until, String range) {
    boolean contains(MilvusVersion v) {
      return v.isAtLeast(from) && v.compareTo(until) < 0;
    }
  }

  /**
   * The catalogue chosen for a release.
   *
   * @param asked the release asked for
   * @param catalogue the catalogue used
   * @param assumption what was assumed, empty when the catalogue is of the release itself
   */
  public record Choice(
      MilvusVersion asked, MetricCatalogue catalogue, Optional<String> assumption) {}

  private static final List<Range> RANGES =
      List.of(
          range("2.3.5", "2.3.0", "2.4.0", "2.3.x"),
          range("2.6.15", "2.6.0", "2.6.19", "2.6.0-2.6.18"),
          range("2.6.19", "2.6.19", "2.6.20", "2.6.19"),
          range("2.6.20", "2.6.20", "2.6.21", "2.6.20"),
          range("2.6.21", "2.6.21", "2.7.0", "2.6.21 and later 2.6 releases"));

  private CatalogueCoverage() {}

  private static Range range(String catalogued, String from, String until, String words) {
    return new Range(
        MilvusVersion.parse(catalogued),
        MilvusVersion.parse(from),
        MilvusVersion.parse(until),
        words);
  }

  /** Every range, oldest first. */
  public static List<Range> ranges() {
    return RANGES;
  }

  /** The releases with a catalogue of their own, oldest first. */
  public static List<MilvusVersion> catalogued() {
    return RANGES.stream().map(Range::catalogued).toList();
  }

  /** What is covered, in words: {@code 2.3.x (2.3.5), 2.6.0-2.6.18 (2.6.15), ...}. */
  public static List<String> coveredInWords() {
    return RANGES.stream()
        .map(
            r ->
                r.range().equals(r.catalogued().toString())
                    ? r.range()
                    : r.range() + " (" + r.catalogued() + ")")
        .toList();
  }

  static Choice choose(MilvusVersion asked) {
    for (Range r : RANGES) {
      if (r.contains(asked)) {
        Optional<String> assumption =
            r.catalogued().equals(asked)
                ? Optional.empty()
                : Optional.of(
                    VersionTexts.sameRange(asked.toString(), r.catalogued().toString(), r.range()));
        return new Choice(asked, MetricCatalogue.of(r.catalogued()), assumption);
      }
    }
    Range nearest =
        RANGES.stream()
            .min(
                Comparator.comparingInt((Range r) -> distance(asked, r))
                    .thenComparingLong(r -> Math.abs(ordinal(r.catalogued()) - ordinal(asked))))
            .orElseThrow();
    return new Choice(
        asked,
        MetricCatalogue.of(nearest.catalogued()),
        Optional.of(
            VersionTexts.nearest(
                asked.toString(), nearest.catalogued().toString(), coveredInWords())));
  }

  private static long ordinal(MilvusVersion v) {
    return v.major() * 1_000_000L + v.minor() * 1_000L + v.patch();
  }

  /** Distance in minor releases between {@code v} and the nearest end of {@code r}. */
  private static int distance(MilvusVersion v, Range r) {
    int at = v.major() * 1000 + v.minor();
    int low = r.from().major() * 1000 + r.from().minor();
    int high = r.until().major() * 1000 + r.until().minor() - (r.until().patch() == 0 ? 1 : 0);
    return at < low ? low - at : Math.max(0, at - high);
  }
}
