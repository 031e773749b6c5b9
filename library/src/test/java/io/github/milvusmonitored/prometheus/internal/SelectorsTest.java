package io.github.milvusmonitored.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.prometheus.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorsTest {

  @Test
  void finds_metrics_with_their_matchers_and_skips_functions_label_lists_ranges_and_variables() {
    List<Selector> s =
        Selectors.in(
            "histogram_quantile($quantile, sum by (le, status) (rate(milvus_proxy_sq_latency_bucket"
                + "{query_type=\"search\", namespace=~\"$ns|x\"}[$__rate_interval]))) / on (pod) group_left up"
                + " + {__name__=\"milvus_num_node\", role_name!='proxy'} offset 5m");

    assertThat(s)
        .extracting(Selector::metric)
        .containsExactly("milvus_proxy_sq_latency_bucket", "up", "milvus_num_node");
    assertThat(s.get(0).matchers())
        .containsExactly(
            new Selector.Matcher("query_type", "=", "search"),
            new Selector.Matcher("namespace", "=~", "$ns|x"));
    assertThat(s.get(0).text())
        .isEqualTo("milvus_proxy_sq_latency_bucket{query_type=\"search\", namespace=~\"$ns|x\"}");
    assertThat(s.get(2).matchers())
        .containsExactly(new Selector.Matcher("role_name", "!=", "proxy"));
  }

  @Test
  void matchers_follow_promql_semantics_including_the_absent_label() {
    assertThat(new Selector.Matcher("status", "=~", "fail.*").matches("fail_input")).isTrue();
    assertThat(new Selector.Matcher("status", "=~", "fail").matches("fail_input")).isFalse();
    assertThat(new Selector.Matcher("cause", "=", "").matches("")).isTrue();
    assertThat(new Selector.Matcher("cause", "!~", "user|system").matches("na")).isTrue();
    assertThat(new Selector.Matcher("status", "=", "a\"b")).hasToString("status=\"a\\\"b\"");
  }
}
