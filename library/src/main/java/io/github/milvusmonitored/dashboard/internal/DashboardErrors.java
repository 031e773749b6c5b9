package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.metrics.DetectedVersion;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every message of the dashboard domain: what happened, the values, the likely cause, what to do.
 */
public final class DashboardErrors {

  private DashboardErrors() {}

  public static String unreadable(String what, Exception e) {
    return "Cannot read the dashboard from "
        + what
        + ": "
        + e
        + ". Check that it exists and is readable,"
        + " or pass another one (DashboardSource.file(path), command line --dashboard=<file>).";
  }

  public static String noSuchResource(String name) {
    return "Classpath resource "
        + name
        + " does not exist. Put the dashboard JSON under src/test/resources"
        + " (or src/main/resources) and name it from the classpath root, e.g. classpath:/dashboards/my-dashboard.json.";
  }

  public static String fetchFailed(String what, String why) {
    return "Cannot read the dashboard from " + what + ": " + why + ".";
  }

  public static String downloadFailed(DashboardSource.OfficialMilvus source, String why) {
    return "Cannot download Milvus's Grafana dashboard for "
        + source.tag()
        + " from "
        + source.uri()
        + ": "
        + why
        + "\nOffline, supply the file "
        + DashboardSource.OFFICIAL_PATH
        + " of milvus-io/milvus at tag "
        + source.tag()
        + " yourself: copy it to "
        + source.cachedFile()
        + " (it is then used as if downloaded),"
        + " or pass it with DashboardSource.file(path) or the command line option --dashboard=<path>.";
  }

  public static String notJson(String origin, String detail) {
    return origin
        + " is not a Grafana dashboard: it is not valid JSON ("
        + detail
        + "). Expected the JSON"
        + " Grafana exports (Export > Export as JSON): an object with a \"panels\" array.";
  }

  public static String notDashboard(String origin, String found) {
    return origin
        + " is not a Grafana dashboard: expected a JSON object with a \"panels\" array (or Grafana's"
        + " export envelope {\"dashboard\": {...}}), found "
        + found
        + ".";
  }

  public static String noPrometheusPanels(String title, String origin, int otherPanels) {
    return "Dashboard '"
        + title
        + "' ("
        + origin
        + ") has no panel with a visible Prometheus query ("
        + otherPanels
        + " other panels): there is nothing to audit. Check that it is the dashboard you meant"
        + " and that its panels use a Prometheus data source.";
  }

  /** Why a variable was not evaluated: {@code chain} leads from it into a cycle of references. */
  public static String variableCycle(List<String> chain) {
    return "its definition refers to variables in a cycle, "
        + dollars(chain, " -> ")
        + ", so no order resolves it"
        + " and it was not evaluated. Remove one of these references from the dashboard's variables.";
  }

  /** A variable's definition names variables the dashboard does not have. */
  public static String undefinedVariables(List<String> names) {
    return "its definition refers to "
        + dollars(names, ", ")
        + (names.size() == 1
            ? ", which is not a variable of this dashboard, so it stays as written (Grafana leaves it too)"
            : ", which are not variables of this dashboard, so they stay as written (Grafana leaves them too)");
  }

  /** An "All" variable whose query found nothing: what Grafana inserts instead. */
  public static String allWithoutOptions(String allValue) {
    return allValue.isEmpty()
        ? "\"All\" stays selected and, without a custom all value, inserts the empty group (), which matches only"
            + " series without the label"
        : "\"All\" stays selected and inserts its custom all value " + allValue;
  }

  /** A regex-valued variable in an exact matcher, compared as plain text by Prometheus. */
  public static String regexInExactMatcher(
      String name,
      boolean customAll,
      boolean all,
      String value,
      String matcher,
      String regexMatcher) {
    String what =
        customAll
            ? "\"All\" with custom all value " + value + ", a regex,"
            : (all ? "\"All\"" : "several values") + ", inserted as the regex " + value + ",";
    return "$"
        + name
        + " is "
        + what
        + " but stands in the exact matcher "
        + matcher
        + ", which compares it as plain"
        + " text: Grafana sends the same and finds nothing either. Use "
        + regexMatcher
        + ".";
  }

  /**
   * A metric Prometheus has never ingested: Milvus's own when the catalogue lists it ({@code
   * component}), with or without the {@code milvus_} prefix.
   */
  public static String neverIngested(
      String metric, Optional<String> component, Collection<String> similar) {
    String why;
    if (component.isPresent()) {
      why =
          "it is in the Milvus "
              + MetricCatalogue.VERSION
              + " metric catalogue ("
              + component.get()
              + ", there from startup), so the Milvus version scraped here most likely names it differently or lacks it";
    } else if (metric.startsWith("milvus_")) {
      why =
          "it is not a Milvus "
              + MetricCatalogue.VERSION
              + " metric either, so it was most likely renamed or removed";
    } else {
      why =
          "it is not a Milvus metric, so the exporter that provides it is not scraped by this Prometheus";
    }
    return metric
        + " has never been ingested by Prometheus (it is not in /api/v1/label/__name__/values): "
        + why
        + (similar.isEmpty() ? "" : ". Similar metrics that exist: " + String.join(", ", similar));
  }

  /** The Milvus release an audit looked at, with how it was found. */
  public static String scrapedVersion(DetectedVersion v) {
    String how =
        switch (v.source()) {
          case IMAGE_TAG -> "from the image tag";
          case BUILD_INFO -> "from milvus_build_info";
          case EXPOSITION_SHAPE -> "from the shape of its metrics: " + v.evidence();
        };
    return "Milvus " + v.version() + " (" + how + ")";
  }

  /** A metric the scraped release exports under another name. */
  public static String renamedIn(String metric, String scraped, String nameThere, String renamed) {
    return metric
        + " has never been ingested by Prometheus: the release scraped here runs "
        + scraped
        + ", which"
        + " names it "
        + nameThere
        + " ("
        + renamed
        + ")";
  }

  /** A metric only other releases export. */
  public static String onlyInOtherReleases(String metric, String scraped, List<String> releases) {
    return metric
        + " has never been ingested by Prometheus: the release scraped here runs "
        + scraped
        + ", whose"
        + " metric catalogue lacks it; the catalogues list it for "
        + String.join(", ", releases);
  }

  /** A selector that fits another release than the one scraped. */
  public static String selectorOfOtherRelease(
      String selector,
      String other,
      String scraped,
      String scrapedVersion,
      String why,
      Optional<String> rewrite) {
    return selector
        + " fits Milvus "
        + other
        + ", but the release scraped here runs "
        + scraped
        + ": "
        + why
        + rewrite.map(r -> ". For " + scrapedVersion + " write " + r).orElse("");
  }

  private static String dollars(List<String> names, String separator) {
    return String.join(separator, names.stream().map(n -> "$" + n).toList());
  }
}
