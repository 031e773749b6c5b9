package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardPanel;
import io.github.milvusmonitored.dashboard.PanelQuery;
import io.github.milvusmonitored.dashboard.QueryAudit;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.dashboard.ResolvedVariable;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusQueryException;
import io.github.milvusmonitored.prometheus.Promql;
import io.github.milvusmonitored.prometheus.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one panel query as Grafana would: variables replaced, a range query over the window with a
 * step from the panel's interval and max data points (or an instant query at the window's end),
 * then classifies the answer and explains an empty one.
 */
public final class QueryEvaluator {

  private final PrometheusClient prometheus;
  private final AuditWindow window;
  private final Map<String, ResolvedVariable> variables;
  private final Map<String, Boolean> regexFormatted;
  private final Set<String> ingested;
  private final NoDataExplainer explainer;

  public QueryEvaluator(
      PrometheusClient prometheus,
      AuditWindow window,
      Map<String, ResolvedVariable> variables,
      Map<String, Boolean> regexFormatted,
      Set<String> ingested,
      NoDataExplainer explainer) {
    this.prometheus = prometheus;
    this.window = window;
    this.variables = variables;
    this.regexFormatted = regexFormatted;
    this.ingested = ingested;
    this.explainer = explainer;
  }

  public QueryAudit evaluate(DashboardPanel panel, PanelQuery query) {
    TemplateInterpolator plain = new TemplateInterpolator(variables, regexFormatted);
    String minText =
        plain.interpolate(!query.interval().isEmpty() ? query.interval() : panel.interval());
    Duration interval = window.interval(minText, panel.maxDataPoints());
    Duration step = window.step(interval, query.intervalFactor());
    Map<String, ResolvedVariable> all = new LinkedHashMap<>(variables);
    window
        .builtIns(interval)
        .forEach(
            (k, v) ->
                all.put(
                    k,
                    new ResolvedVariable(k, "built-in", List.of(v), List.of(v), false, false, "")));
    String promql = new TemplateInterpolator(all, regexFormatted).interpolate(query.expr());

    List<String> variableReasons = new ArrayList<>();
    for (String name : TemplateInterpolator.referencedNames(query.expr())) {
      ResolvedVariable v = all.get(name);
      if (v == null) {
        variableReasons.add(
            "$"
                + name
                + " is not a variable of this dashboard, so it stays in the query as written");
      } else if (v.isEmpty()) {
        variableReasons.add("variable $" + name + " resolved to nothing (" + v.problem() + ")");
      }
    }
    variableReasons.addAll(ExactMatchers.notes(query.expr(), all, regexFormatted));
    List<String> names = List.copyOf(Promql.metricNames(promql));
    List<String> neverIngested = names.stream().filter(n -> !ingested.contains(n)).toList();
    List<RangeSeries> series;
    try {
      series =
          query.instant()
              ? instant(promql)
              : prometheus
                  .queryRange(
                      promql, alignDown(window.start(), step), alignUp(window.end(), step), step)
                  .series();
    } catch (PrometheusQueryException e) {
      return new QueryAudit(
          query,
          promql,
          step,
          QueryState.ERROR,
          neverIngested,
          variableReasons,
          e.errorType() + ": " + e.error(),
          0,
          List.of());
    }
    List<RangeSeries> withPoints = series.stream().filter(s -> !s.points().isEmpty()).toList();
    Duration shownStep = query.instant() ? Duration.ZERO : step;
    if (!withPoints.isEmpty()) {
      return new QueryAudit(
          query,
          promql,
          shownStep,
          QueryState.DATA,
          neverIngested,
          List.of(),
          "",
          withPoints.size(),
          withPoints.stream().limit(QueryAudit.KEPT_SERIES).toList());
    }
    List<String> unknown =
        neverIngested.stream().filter(n -> explainer.catalogueReason(n).isEmpty()).toList();
    List<String> reasons = new ArrayList<>(variableReasons);
    if (!unknown.isEmpty()) {
      unknown.forEach(n -> reasons.add(explainer.unknownReason(n, explainer.similar(n))));
      return new QueryAudit(
          query,
          promql,
          shownStep,
          QueryState.UNKNOWN_METRIC,
          neverIngested,
          reasons,
          "",
          0,
          List.of());
    }
    if (variableReasons.isEmpty()) {
      reasons.addAll(explainer.explain(names));
      reasons.addAll(explainer.versionReasons(promql));
    }
    return new QueryAudit(
        query, promql, shownStep, QueryState.NO_DATA, neverIngested, reasons, "", 0, List.of());
  }

  // Grafana aligns the range to the step: start rounded down, end rounded up (read from its
  // source).
  private static Instant alignDown(Instant t, Duration step) {
    long ms = step.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
  }

  private static Instant alignUp(Instant t, Duration step) {
    long ms = step.toMillis();
    return Instant.ofEpochMilli(-Math.floorDiv(-t.toEpochMilli(), ms) * ms);
  }

  private List<RangeSeries> instant(String promql) {
    return prometheus.query(promql, window.end()).samples().stream()
        .map(
            s ->
                new RangeSeries(
                    s.labels(), List.of(new RangeSeries.Point(s.timestamp(), s.value()))))
        .toList();
  }
}
