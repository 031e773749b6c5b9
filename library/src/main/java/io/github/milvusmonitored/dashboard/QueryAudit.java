package io.github.milvusmonitored.dashboard;

import io.github.milvusmonitored.prometheus.RangeSeries;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one panel query gave.
 *
 * @param query the target as written in the dashboard
 * @param promql the PromQL sent to Prometheus, variables replaced
 * @param step the range query's step (zero for an instant query)
 * @param state the verdict
 * @param unknownMetrics metric names in the expression that Prometheus has never ingested
 * @param reasons why it has no data, most likely first; empty when it has data or nothing can be
 *     told
 * @param error Prometheus's error message for {@link QueryState#ERROR}, else empty
 * @param seriesCount how many series it returned
 * @param series the first series returned (at most {@link #KEPT_SERIES}), for the report's charts
 */
public record QueryAudit(
    PanelQuery query,
    String promql,
    Duration step,
    QueryState state,
    List<String> unknownMetrics,
    List<String> reasons,
    String error,
    int seriesCount,
    List<RangeSeries> series) {

  /** How many series a query keeps for the report. */
  public static final int KEPT_SERIES = 8;

  public QueryAudit {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(state, "state");
    unknownMetrics = List.copyOf(unknownMetrics);
    reasons = List.copyOf(reasons);
    error = error == null ? "" : error;
    series = List.copyOf(series);
  }
}
