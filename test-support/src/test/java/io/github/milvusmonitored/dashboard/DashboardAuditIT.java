package io.github.milvusmonitored.dashboard;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatDashboard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.assertions.DashboardAssertionError;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit against a real Prometheus scraping the Milvus 2.6.15 test exporter, with a dashboard
 * written in Grafana's schema that uses every feature the audit understands.
 */
class DashboardAuditIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV = PrometheusWithMilvusExporter.builder().build();

  static PrometheusClient prometheus;
  static GrafanaDashboard dashboard;
  static DashboardAudit audit;

  @BeforeAll
  static void audit_after_some_traffic() {
    prometheus = PrometheusClient.create(ENV.prometheus().baseUri());
    ENV.awaitFirstScrape();
    ENV.exporter().traffic().insert("books", 100).search("books", Duration.ofMillis(30));
    ENV.api()
        .awaitQuery(
            "rate(milvus_proxy_req_count{function_name=\"Insert\",status=\"total\"}[4s])",
            r -> r.size() == 1,
            Duration.ofSeconds(30));
    ENV.exporter().traffic().insert("books", 50).search("books", Duration.ofMillis(20));
    ENV.api()
        .awaitQuery(
            "increase(milvus_proxy_sq_latency_count[5s]) > 0",
            r -> r.size() == 1,
            Duration.ofSeconds(30));
    dashboard = GrafanaDashboard.load(DashboardSource.classpath("/dashboards/audit-features.json"));
    audit = auditor(MilvusSelector.of("milvus", "my-release")).audit(dashboard);
  }

  static DashboardAuditor auditor(MilvusSelector release) {
    return DashboardAuditor.create(prometheus, release).withScrapeInterval(Duration.ofSeconds(1));
  }

  @Test
  void classifies_every_prometheus_panel_of_the_dashboard() {
    Map<String, QueryState> states = new LinkedHashMap<>();
    audit.panels().forEach(p -> states.put(p.path(), p.state()));

    assertThat(states)
        .containsExactly(
            Map.entry("Build info", QueryState.DATA),
            Map.entry("Proxy / Request rate", QueryState.DATA),
            Map.entry("Proxy / Inserted vectors", QueryState.DATA),
            Map.entry("Proxy / Requests in range", QueryState.DATA),
            Map.entry("Proxy / Search latency", QueryState.DATA),
            Map.entry("Proxy / Nodes", QueryState.DATA),
            Map.entry("Proxy / Scrape job", QueryState.DATA),
            Map.entry("Proxy / Latency quantile", QueryState.DATA),
            Map.entry("Empty on purpose / Has collection (renamed)", QueryState.UNKNOWN_METRIC),
            Map.entry("Empty on purpose / Bad PromQL", QueryState.ERROR),
            Map.entry("Empty on purpose / Search vectors by collection", QueryState.NO_DATA),
            Map.entry("Empty on purpose / Search vectors rate", QueryState.NO_DATA),
            Map.entry("Empty on purpose / Time tick lag", QueryState.NO_DATA),
            Map.entry("Empty on purpose / Broken variable", QueryState.NO_DATA));
    assertThat(audit.dashboard().otherPanels()).as("text and Loki panels").isEqualTo(2);
    assertThat(audit.summary())
        .startsWith(
            "Dashboard 'Audit features' vs milvus/my-release: 14 panels, 8 with data,"
                + " 4 no data, 1 unknown metric, 1 error (14 queries in ");
  }

  @Test
  void binds_the_release_and_resolves_the_other_variables_against_prometheus() {
    assertThat(audit.variables())
        .extracting(
            ResolvedVariable::name, v -> String.join(",", v.values()), ResolvedVariable::bound)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("datasource", "prometheus", false),
            org.assertj.core.groups.Tuple.tuple("app_name", "milvus", true),
            org.assertj.core.groups.Tuple.tuple("namespace", "milvus", true),
            org.assertj.core.groups.Tuple.tuple("instance", "my-release", true),
            org.assertj.core.groups.Tuple.tuple("component", "standalone", false),
            org.assertj.core.groups.Tuple.tuple("job", "my-release-milvus", false),
            org.assertj.core.groups.Tuple.tuple("quantile", "0.99", false),
            org.assertj.core.groups.Tuple.tuple("collection", "", false),
            org.assertj.core.groups.Tuple.tuple("broken", "", false));
    assertThat(promql("Proxy / Inserted vectors"))
        .isEqualTo("sum(milvus_proxy_insert_vectors_count{namespace=\"milvus\"})");
    assertThat(promql("Proxy / Nodes"))
        .isEqualTo(
            "sum(milvus_num_node{app_kubernetes_io_instance=~\"my-release\","
                + " component=~\"standalone\"}) by (role_name)");
    assertThat(promql("Proxy / Requests in range")).contains("[60s])) / 60 * 60");
    assertThat(promql("Proxy / Request rate")).contains("status=\"total\"}[4s]))");
    assertThat(promql("Proxy / Search latency")).endsWith("[5s])) by (le)");
    assertThat(promql("Proxy / Latency quantile")).startsWith("histogram_quantile(0.99, ");
    assertThat(panel("Proxy / Nodes").queries()).as("the hidden target is skipped").hasSize(1);
    assertThat(panel("Proxy / Nodes").queries().get(0).step()).isEqualTo(Duration.ZERO);
    assertThat(panel("Proxy / Inserted vectors").queries().get(0).step())
        .as("intervalFactor 2")
        .hasSeconds(2);
  }

  @Test
  void says_why_each_empty_panel_is_empty() {
    QueryAudit renamed = panel("Empty on purpose / Has collection (renamed)").queries().get(0);
    assertThat(renamed.unknownMetrics()).containsExactly("milvus_rootcoord_has_collection_total");
    assertThat(renamed.reasons())
        .singleElement()
        .asString()
        .startsWith(
            "milvus_rootcoord_has_collection_total has"
                + " never been ingested by Prometheus (it is not in /api/v1/label/__name__/values): it is not a Milvus 2.6.15"
                + " metric either, so it was most likely renamed or removed");

    QueryAudit bad = panel("Empty on purpose / Bad PromQL").queries().get(0);
    assertThat(bad.error()).startsWith("bad_data: ").contains("parse error");

    assertThat(panel("Empty on purpose / Search vectors by collection").queries().get(0).reasons())
        .containsExactly(
            "variable $collection resolved to nothing (its query label_values(milvus_proxy_search_vectors_count"
                + "{namespace=\"milvus\"}, collection_name) returned no value; \"All\" stays selected and, without a"
                + " custom all value, inserts the empty group (), which matches only series without the label)");
    assertThat(panel("Empty on purpose / Search vectors rate").queries().get(0).reasons())
        .containsExactly(
            "milvus_proxy_search_vectors_count appears only after traffic (Search/HybridSearch), per the Milvus 2.6.15"
                + " metric catalogue");
    assertThat(panel("Empty on purpose / Time tick lag").queries().get(0).reasons())
        .containsExactly(
            "milvus_proxy_tt_lag_ms is never exported by Milvus 2.6.15 (registered but never set in 2.6.15), per its"
                + " metric catalogue");
    assertThat(panel("Empty on purpose / Broken variable").queries().get(0).reasons())
        .singleElement()
        .asString()
        .startsWith(
            "variable $broken resolved to nothing (Prometheus rejected its query"
                + " label_values(milvus_num_node{component=, component): ");
  }

  @Test
  void a_release_prometheus_does_not_discover_gets_the_target_and_label_reasons() {
    DashboardAudit other = auditor(MilvusSelector.of("milvus", "other-release")).audit(dashboard);

    PanelAudit nodes =
        other.panels().stream()
            .filter(p -> p.path().equals("Proxy / Nodes"))
            .findFirst()
            .orElseThrow();
    assertThat(nodes.state()).isEqualTo(QueryState.NO_DATA);
    assertThat(nodes.queries().get(0).reasons()).hasSize(2);
    assertThat(nodes.queries().get(0).reasons().get(0))
        .startsWith("the release's Milvus target is NO_ACTIVE_TARGETS: ");
    assertThat(nodes.queries().get(0).reasons().get(1))
        .isEqualTo(
            "milvus_num_node exists, but not for this release's"
                + " labels namespace=\"milvus\", app_kubernetes_io_instance=\"other-release\" (it has series for"
                + " namespace=\"milvus\", app_kubernetes_io_instance=\"my-release\")");
    assertThat(
            other.variables().stream()
                .filter(v -> v.name().equals("instance"))
                .findFirst()
                .orElseThrow()
                .problem())
        .isEqualTo("its query finds [my-release] but not the bound value other-release");
  }

  @Test
  void an_unbound_variable_is_resolved_as_grafana_does_on_load() {
    DashboardAudit unbound =
        auditor(MilvusSelector.of("milvus", "my-release"))
            .withoutBinding("namespace")
            .audit(dashboard);

    ResolvedVariable namespace =
        unbound.variables().stream()
            .filter(v -> v.name().equals("namespace"))
            .findFirst()
            .orElseThrow();
    assertThat(namespace.bound()).isFalse();
    assertThat(namespace.options()).containsExactly("milvus");
    assertThat(namespace.values())
        .as("the saved 'test' is not offered, so the first option")
        .containsExactly("milvus");
  }

  @Test
  void writes_a_markdown_and_a_self_contained_html_report(@TempDir Path folder) throws Exception {
    Path html = audit.writeReport(folder);

    String md = Files.readString(folder.resolve(DashboardAudit.MARKDOWN_FILE));
    assertThat(md)
        .startsWith("# Dashboard audit: Audit features\n")
        .contains("## Panels without data\n")
        .contains(
            "| Empty on purpose / Has collection (renamed) | UNKNOWN_METRIC | milvus_rootcoord_has_collection_total |")
        .contains("### Request rate — DATA\n");
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\"")
        .contains("<polyline")
        .doesNotContain(" src=", " href=", "<script", "<link");
  }

  @Test
  void the_assertion_lists_every_empty_panel_and_accepts_the_allowed_ones() {
    assertThatThrownBy(
            () ->
                assertThatDashboard(audit)
                    .allowingNoDataIn("Empty on purpose / Bad PromQL")
                    .hasNoPanelsWithoutData())
        .isInstanceOf(DashboardAssertionError.class)
        .hasMessageStartingWith(
            "Expected every panel of dashboard 'Audit features' to show data for milvus/my-release,"
                + " but 5 of 14 do not:\n  - Empty on purpose / Has collection (renamed): UNKNOWN_METRIC"
                + " (never ingested: milvus_rootcoord_has_collection_total) - A: milvus_rootcoord_has_collection_total has never been ingested")
        .hasMessageContaining(
            "\n  - Empty on purpose / Time tick lag: NO_DATA (never ingested: milvus_proxy_tt_lag_ms) - A:"
                + " milvus_proxy_tt_lag_ms is never exported by Milvus 2.6.15")
        .hasMessageContaining("\nAllowed to have no data: [Empty on purpose / Bad PromQL]\n");

    assertThatDashboard(audit)
        .allowingNoDataIn(
            audit.panelsWithoutData().stream().map(PanelAudit::path).toArray(String[]::new))
        .hasNoPanelsWithoutData();
    assertThatThrownBy(() -> assertThatDashboard(audit).allowingNoDataIn("Proxy / Nope"))
        .isInstanceOf(DashboardAssertionError.class)
        .hasMessageStartingWith(
            "allowingNoDataIn names 'Proxy / Nope', but dashboard 'Audit features' has no"
                + " Prometheus panel at that path. Panels are named \"Row / Panel\"; the dashboard has: [Build info, Proxy /");
  }

  @Test
  void a_dashboard_without_prometheus_panels_is_reported_not_crashed() {
    DashboardAudit empty =
        auditor(MilvusSelector.of("milvus", "my-release"))
            .audit(DashboardSource.classpath("/dashboards/only-text.json"));

    assertThat(empty.panels()).isEmpty();
    assertThat(empty.summary())
        .isEqualTo(
            "Dashboard 'Only text' vs milvus/my-release: no Prometheus panel to audit"
                + " (2 other panels)");
    assertThatThrownBy(() -> assertThatDashboard(empty).hasNoPanelsWithoutData())
        .hasMessage(
            "Dashboard 'Only text' (classpath resource /dashboards/only-text.json) has no panel with a visible"
                + " Prometheus query (2 other panels): there is nothing to audit. Check that it is the dashboard you meant"
                + " and that its panels use a Prometheus data source.");
  }

  private static PanelAudit panel(String path) {
    return audit.panels().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow();
  }

  private static String promql(String path) {
    return panel(path).queries().get(0).promql();
  }
}
