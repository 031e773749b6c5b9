package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.dashboard.DashboardPanel;
import io.github.milvusmonitored.dashboard.DashboardVariable;
import io.github.milvusmonitored.dashboard.PanelQuery;
import io.github.milvusmonitored.dashboard.QueryAudit;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.metrics.MilvusSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryEvaluatorTest {

  private final LabelValuesTransport prometheus = new LabelValuesTransport();

  @Test
  void an_all_value_in_an_exact_matcher_of_a_panel_is_sent_as_grafana_sends_it_and_explained() {
    // Milvus 2.6's dashboard selects db_name="$db" with "All" of $db being .*
    prometheus.answer("db_name", "milvus_proxy_req_count", "default");
    VariableResolver resolver =
        new VariableResolver(prometheus.client(), Map.of(), Map.of(), Instant.EPOCH);
    resolver.resolveAll(
        List.of(
            new DashboardVariable(
                "db",
                "query",
                "label_values(milvus_proxy_req_count, db_name)",
                "",
                true,
                true,
                ".*",
                List.of("$__all"))));
    AuditWindow window =
        new AuditWindow(
            Instant.EPOCH, Instant.EPOCH.plusSeconds(900), 1000, Duration.ofSeconds(15));
    Set<String> ingested = Set.of("milvus_proxy_req_count");
    QueryEvaluator evaluator =
        new QueryEvaluator(
            prometheus.client(),
            window,
            resolver.variables(),
            resolver.regexFormatted(),
            ingested,
            new NoDataExplainer(
                prometheus.client(),
                MilvusSelector.of("milvus", "my-release"),
                ingested,
                window.end(),
                Duration.ofMinutes(15)));
    PanelQuery query =
        new PanelQuery("A", "sum(milvus_proxy_req_count{db_name=\"$db\"})", "", "", 1, false);

    QueryAudit audit =
        evaluator.evaluate(
            new DashboardPanel("", "Requests", "timeseries", "", 0, List.of(query)), query);

    assertThat(audit.promql()).isEqualTo("sum(milvus_proxy_req_count{db_name=\".*\"})");
    assertThat(audit.state()).isEqualTo(QueryState.NO_DATA);
    assertThat(audit.reasons())
        .containsExactly(
            "$db is \"All\" with custom all value .*, a regex, but stands in the"
                + " exact matcher db_name=\"$db\", which compares it as plain text: Grafana sends the same and finds nothing"
                + " either. Use db_name=~\"$db\".");
  }
}
