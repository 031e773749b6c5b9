package io.github.milvusmonitored.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

  @Test
  void finds_selected_metrics_but_not_functions_keywords_labels_or_durations() {
    assertThat(
            MetricNames.in(
                "histogram_quantile(0.99, sum by (le, pod) (rate(milvus_proxy_sq_latency_bucket"
                    + "{namespace=\"milvus\", status=~\"fail.*\"}[5m]))) / on (pod) group_left (node) milvus_num_node"
                    + " offset 1m > bool 0 and ignoring(x) up"))
        .containsExactly("milvus_proxy_sq_latency_bucket", "milvus_num_node", "up");
  }

  @Test
  void reads_name_matchers_and_ignores_strings() {
    assertThat(
            MetricNames.in(
                "count({__name__=\"milvus_build_info\", job=\"a\"}) + label_replace(up, \"a\", \"$1\","
                    + " \"b\", \"(x)\") * 1e3 - sum(x:recorded:rate5m) without (instance)"))
        .containsExactly("milvus_build_info", "up", "x:recorded:rate5m");
  }
}
