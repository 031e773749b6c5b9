package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.util.Set;

/**
 * Entry point for assertions on metrics in Prometheus.
 *
 * <pre>{@code
 * import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
 *
 * assertThatMetric(milvus, "sum(milvus_proxy_req_count{status=\"total\"})")
 *     .eventually(Duration.ofSeconds(30))
 *     .isGreaterThan(0);
 * }</pre>
 */
public final class MetricAssertions {

  private MetricAssertions() {}

  /**
   * Asserts on {@code promql} evaluated by the Prometheus behind {@code milvus}; a failure also
   * reports the health of the release's Milvus targets.
   */
  public static MetricAssert assertThatMetric(MilvusMetrics milvus, String promql) {
    return new MetricAssert(milvus.prometheus(), milvus, promql);
  }

  /** Asserts on {@code promql} evaluated by {@code prometheus}. */
  public static MetricAssert assertThatMetric(PrometheusClient prometheus, String promql) {
    return new MetricAssert(prometheus, null, promql);
  }

  /**
   * Asserts on the state of alert {@code alertName} of the rules loaded in {@code prometheus}, e.g.
   * {@code assertThatAlert(env.prometheus(),
   * "MilvusSearchFailing").eventually(ofMinutes(2)).isFiring()}.
   */
  public static AlertAssert assertThatAlert(PrometheusClient prometheus, String alertName) {
    return new AlertAssert(prometheus, alertName);
  }

  /** Asserts on the state of alert {@code alertName} in the Prometheus behind {@code milvus}. */
  public static AlertAssert assertThatAlert(MilvusMetrics milvus, String alertName) {
    return new AlertAssert(milvus.prometheus(), alertName);
  }

  /**
   * Asserts on a dashboard audit, e.g. {@code assertThatDashboard(audit).allowingNoDataIn("Proxy /
   * Search Latency").hasNoPanelsWithoutData()}.
   */
  public static DashboardAssert assertThatDashboard(DashboardAudit audit) {
    return new DashboardAssert(audit, Set.of());
  }
}
