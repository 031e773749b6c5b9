package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlTest {

  private static final String QUERY =
      "sum by (status) (rate(milvus_proxy_req_count{status=\"fail\"}[5m])) / on () group_left up";

  @Test
  void names_the_metrics_an_expression_selects() {
    assertThat(Promql.metricNames(QUERY)).containsExactly("milvus_proxy_req_count", "up");
  }

  @Test
  void gives_each_selector_with_its_matchers() {
    List<Selector> selectors = Promql.selectors(QUERY);

    assertThat(selectors)
        .extracting(Selector::metric)
        .containsExactly("milvus_proxy_req_count", "up");
    assertThat(selectors.get(0).matchers())
        .containsExactly(new Selector.Matcher("status", "=", "fail"));
    assertThat(selectors.get(0).rewritten("milvus_proxy_req_count", List.of()))
        .isEqualTo("milvus_proxy_req_count");
  }

  @Test
  void skips_dashboard_template_variables_in_selectors() {
    assertThat(
            Promql.selectors(
                "rate(milvus_proxy_req_count{pod=~\"$pod\"}[$__rate_interval]) * $scale"))
        .extracting(Selector::metric)
        .containsExactly("milvus_proxy_req_count");
  }
}
