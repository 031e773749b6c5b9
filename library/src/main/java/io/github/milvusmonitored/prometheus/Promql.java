package io.github.milvusmonitored.prometheus;

import io.github.milvusmonitored.prometheus.internal.MetricNames;
import io.github.milvusmonitored.prometheus.internal.Selectors;
import java.util.List;
import java.util.Set;

/**
 * Reads which series a PromQL expression selects, without a Prometheus server.
 *
 * <pre>{@code
 * String q = "sum by (status) (rate(milvus_proxy_req_count{status=\"fail\"}[5m])) / on () group_left up";
 * Promql.metricNames(q);                // [milvus_proxy_req_count, up]
 * Promql.selectors(q).get(0).matchers(); // [status="fail"]
 * }</pre>
 *
 * <p>A lexical reading, enough for the expressions dashboards and rule files hold: strings,
 * comments, numbers, range and subquery brackets, function names, keywords and label lists ({@code
 * by (...)}, {@code on (...)}) are skipped. It does not check that the expression is valid PromQL.
 */
public final class Promql {

  private Promql() {}

  /**
   * The metric names {@code promql} selects, in order of first appearance: names written before a
   * selector's braces and the values of {@code __name__="..."} matchers.
   */
  public static Set<String> metricNames(String promql) {
    return MetricNames.in(promql);
  }

  /**
   * The series selectors of {@code promql}, in order: a metric name with its label matchers, or a
   * bare {@code {__name__="...", ...}}. Template variables of a dashboard's query ({@code $node},
   * {@code ${x}}), which plain PromQL never holds outside strings, are skipped instead of being
   * read as names.
   */
  public static List<Selector> selectors(String promql) {
    return Selectors.in(promql);
  }
}
