package io.github.milvusmonitored.dashboard;

import java.util.Objects;

/**
 * One visible Prometheus target of a panel, as written in the dashboard (variables not yet
 * resolved).
 *
 * @param refId the target's letter ({@code A}, {@code B}, ...)
 * @param expr the PromQL with Grafana variables such as {@code $namespace} or {@code
 *     ${instance:regex}}
 * @param legendFormat the legend template, empty when none
 * @param interval the target's minimum interval (e.g. {@code 30s}), empty when none
 * @param intervalFactor the legacy resolution factor (1 unless the dashboard sets one)
 * @param instant whether Grafana runs it as an instant query
 */
public record PanelQuery(
    String refId,
    String expr,
    String legendFormat,
    String interval,
    int intervalFactor,
    boolean instant) {
  public PanelQuery {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(expr, "expr");
    legendFormat = legendFormat == null ? "" : legendFormat;
    interval = interval == null ? "" : interval;
    intervalFactor = Math.max(1, intervalFactor);
  }
}
