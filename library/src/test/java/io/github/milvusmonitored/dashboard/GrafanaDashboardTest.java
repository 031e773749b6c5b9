package io.github.milvusmonitored.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {

  @Test
  void reads_panels_of_expanded_and_collapsed_rows_and_skips_hidden_targets_and_other_sources() {
    GrafanaDashboard d =
        GrafanaDashboard.load(DashboardSource.classpath("/dashboards/audit-features.json"));

    assertThat(d.title()).isEqualTo("Audit features");
    assertThat(d.uid()).isEqualTo("audit-features");
    assertThat(d.schemaVersion()).isEqualTo(39);
    assertThat(d.timeRange()).contains(Duration.ofMinutes(1));
    assertThat(d.panels())
        .extracting(DashboardPanel::path)
        .startsWith("Build info", "Proxy / Request rate")
        .contains("Empty on purpose / Bad PromQL")
        .hasSize(14);
    assertThat(d.panels())
        .extracting(DashboardPanel::type)
        .contains(
            "singlestat", "graph", "timeseries", "stat", "gauge", "bargauge", "table", "heatmap");
    assertThat(d.otherPanels()).isEqualTo(2);
    assertThat(d.queryCount()).isEqualTo(14);
    assertThat(d.variable("namespace").orElseThrow().query())
        .isEqualTo("label_values(milvus_build_info, namespace)");
    assertThat(d.variable("component").orElseThrow().current()).containsExactly("$__all");
  }

  @Test
  void reads_the_export_envelope_and_the_legacy_rows_layout() {
    GrafanaDashboard d =
        GrafanaDashboard.parse(
            """
        {"dashboard": {"title": "Old", "schemaVersion": 14, "rows": [
          {"title": "Proxy", "panels": [
            {"type": "graph", "title": "Requests", "datasource": "Prometheus",
             "targets": [{"refId": "A", "expr": "up", "intervalFactor": 2, "interval": "30s"}]}]}]},
         "meta": {}}""",
            "old.json");

    assertThat(d.panels())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("Proxy / Requests");
              assertThat(p.queries())
                  .containsExactly(new PanelQuery("A", "up", "", "30s", 2, false));
            });
    assertThat(d.timeRange()).isEmpty();
  }

  @Test
  void a_file_that_is_not_json_names_the_file_and_what_was_expected() {
    assertThatThrownBy(
            () -> GrafanaDashboard.parse("<html>Not found</html>", "file dashboards/milvus.json"))
        .isInstanceOf(DashboardException.class)
        .hasMessageStartingWith(
            "file dashboards/milvus.json is not a Grafana dashboard: it is not valid JSON (")
        .hasMessageContaining("at line 1, column 1")
        .hasMessageEndingWith(
            "). Expected the JSON Grafana exports (Export > Export as JSON): an object with a"
                + " \"panels\" array.");
  }

  @Test
  void json_that_is_not_a_dashboard_names_the_file_and_what_it_found() {
    assertThatThrownBy(
            () ->
                GrafanaDashboard.parse(
                    "{\"apiVersion\": 1, \"datasources\": []}", "file datasources.json"))
        .isInstanceOf(DashboardException.class)
        .hasMessage(
            "file datasources.json is not a Grafana dashboard: expected a JSON object with a \"panels\" array"
                + " (or Grafana's export envelope {\"dashboard\": {...}}), found an object with the keys [apiVersion,"
                + " datasources].");
    assertThatThrownBy(() -> GrafanaDashboard.parse("[1, 2]", "list.json"))
        .hasMessageEndingWith("found a JSON array.");
    assertThatThrownBy(() -> GrafanaDashboard.parse("", "empty.json"))
        .hasMessageEndingWith("found an empty document.");
  }
}
