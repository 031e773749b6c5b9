package io.github.milvusmonitored.dashboard;

import io.github.milvusmonitored.dashboard.internal.DashboardParser;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Grafana dashboard reduced to what an audit needs: its Prometheus panels and its variables.
 *
 * <pre>{@code
 * GrafanaDashboard official = GrafanaDashboard.load(DashboardSource.officialMilvus("v2.6.15"));
 * GrafanaDashboard mine = GrafanaDashboard.load(DashboardSource.file(Path.of("my-dashboard.json")));
 * }</pre>
 *
 * <p>Panels inside rows (collapsed or not) are included with the row's title; legacy {@code graph}
 * and {@code singlestat} panels as well as current ones. Hidden targets and targets of other data
 * sources (Loki, the Grafana data source, ...) are left out.
 *
 * @param title the dashboard's title
 * @param uid the dashboard's uid, empty when it has none
 * @param schemaVersion Grafana's schema version, 0 when absent
 * @param origin where it was read from, for reports and error messages
 * @param timeRange the dashboard's default time range ({@code now-5m} gives 5 minutes), if relative
 *     to now
 * @param panels the panels that query Prometheus
 * @param otherPanels how many panels were left out because they have no Prometheus query
 * @param variables the entries of {@code templating.list}, in order
 * @param json the dashboard's JSON as read (for provisioning it into Grafana)
 */
public record GrafanaDashboard(
    String title,
    String uid,
    int schemaVersion,
    String origin,
    Optional<Duration> timeRange,
    List<DashboardPanel> panels,
    int otherPanels,
    List<DashboardVariable> variables,
    String json) {

  public GrafanaDashboard {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(origin, "origin");
    uid = uid == null ? "" : uid;
    panels = List.copyOf(panels);
    variables = List.copyOf(variables);
  }

  /**
   * Reads and parses the dashboard from {@code source}; the official Milvus dashboard is downloaded
   * once and then read from the cache.
   *
   * @throws DashboardException naming the file when it cannot be read or is not a Grafana dashboard
   */
  public static GrafanaDashboard load(DashboardSource source) {
    return parse(source.read(), source.describe());
  }

  /**
   * Parses dashboard JSON, either the dashboard itself or Grafana's export envelope {@code
   * {"dashboard": ...}}.
   *
   * @param origin names the input in error messages, e.g. the file name
   */
  public static GrafanaDashboard parse(String json, String origin) {
    return DashboardParser.parse(json, origin);
  }

  /** The variable called {@code name}, if the dashboard defines it. */
  public Optional<DashboardVariable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** How many visible Prometheus queries the panels hold. */
  public int queryCount() {
    return panels.stream().mapToInt(p -> p.queries().size()).sum();
  }
}
