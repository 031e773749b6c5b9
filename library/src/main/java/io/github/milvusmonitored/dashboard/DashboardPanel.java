package io.github.milvusmonitored.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * A panel that queries Prometheus, with the row it sits in.
 *
 * @param row the title of the enclosing row, empty for a panel above the first row
 * @param title the panel's title
 * @param type the panel type ({@code timeseries}, {@code graph}, {@code stat}, ...)
 * @param interval the panel's minimum interval, empty when none
 * @param maxDataPoints the panel's maximum data points, 0 when the dashboard leaves it to Grafana
 * @param queries the visible Prometheus targets, never empty
 */
public record DashboardPanel(
    String row,
    String title,
    String type,
    String interval,
    int maxDataPoints,
    List<PanelQuery> queries) {
  public DashboardPanel {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(title, "title");
    type = type == null ? "" : type;
    interval = interval == null ? "" : interval;
    queries = List.copyOf(queries);
  }

  /**
   * {@code "Row / Panel"}, or the panel's title alone outside any row; how assertions name panels.
   */
  public String path() {
    return row.isEmpty() ? title : row + " / " + title;
  }
}
