package io.github.milvusmonitored.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one panel shows: {@link QueryState#DATA} when any of its queries returned data (the panel is
 * not empty), else the worst state among its queries.
 *
 * @param panel the panel
 * @param queries each visible query's result, in the panel's order
 */
public record PanelAudit(DashboardPanel panel, List<QueryAudit> queries) {
  public PanelAudit {
    Objects.requireNonNull(panel, "panel");
    queries = List.copyOf(queries);
  }

  public QueryState state() {
    if (queries.stream().anyMatch(q -> q.state() == QueryState.DATA)) {
      return QueryState.DATA;
    }
    return queries.stream()
        .map(QueryAudit::state)
        .max(Comparator.naturalOrder())
        .orElse(QueryState.NO_DATA);
  }

  /** {@code "Row / Panel"}. */
  public String path() {
    return panel.path();
  }

  /** Every unknown metric of every query, each once. */
  public List<String> unknownMetrics() {
    return queries.stream().flatMap(q -> q.unknownMetrics().stream()).distinct().toList();
  }
}
