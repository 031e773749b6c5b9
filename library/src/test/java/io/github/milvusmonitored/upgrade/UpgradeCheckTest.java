package io.github.milvusmonitored.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.upgrade.UpgradeFinding.Kind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeCheckTest {

  private static final String SPLIT_VALUES =
      "status total|success|fail_input|fail_system|cancel|retry|rejected_user"
          + "|rejected_system|abandon, no cause label";

  @Test
  void upgrading_2_6_18_to_2_6_19_breaks_fail_and_rejected_and_narrows_fail_regex() {
    UpgradeReport report =
        UpgradeCheck.between("v2.6.18", "v2.6.19")
            .check(UpgradeInputs.ruleFile(fixture("milvus-alerts.yaml")));

    assertThat(report.assumptions())
        .containsExactly(
            "Milvus 2.6.18 is read with the catalogue of 2.6.15, which stands"
                + " for 2.6.0-2.6.18.");
    assertThat(report.hasBreaks()).isTrue();
    assertThat(report.findings())
        .containsExactly(
            new UpgradeFinding(
                "milvus-alerts.yaml: alert MilvusProxyFailures",
                "sum(rate(milvus_proxy_req_count{status="
                    + "\"fail\"}[5m])) / sum(rate(milvus_proxy_req_count{status=\"total\"}[5m])) > 0.05",
                "milvus_proxy_req_count{status=\"fail\"}",
                Kind.LABEL_VALUES_CHANGED,
                true,
                "`status=\"fail\"` selects fail (user), fail (system), fail (cancel) in 2.6.18 but matches nothing in 2.6.19"
                    + " (there: "
                    + SPLIT_VALUES
                    + "); the rewrite is the closest the target release can write and also"
                    + " selects rejected (cancel)",
                Optional.of("milvus_proxy_req_count{status=~\"cancel|fail_input|fail_system\"}")),
            new UpgradeFinding(
                "milvus-alerts.yaml: alert MilvusProxyRejections",
                "sum by (function_name) (rate("
                    + "milvus_proxy_req_count{status=\"rejected\"}[5m])) > 0",
                "milvus_proxy_req_count{status=\"rejected\"}",
                Kind.LABEL_VALUES_CHANGED,
                true,
                "`status=\"rejected\"` selects rejected (user), rejected (system), rejected (cancel) in 2.6.18 but matches"
                    + " nothing in 2.6.19 (there: "
                    + SPLIT_VALUES
                    + "); the rewrite is the closest the target release can"
                    + " write and also selects fail (cancel)",
                Optional.of(
                    "milvus_proxy_req_count{status=~\"cancel|rejected_system|rejected_user\"}")),
            new UpgradeFinding(
                "milvus-alerts.yaml: alert MilvusSlowFailures",
                "histogram_quantile(0.99, sum by (le)"
                    + " (rate(milvus_proxy_grpc_latency_bucket{status=~\"fail.*\"}[5m]))) > 1000",
                "milvus_proxy_grpc_latency_bucket{status=~\"fail.*\"}",
                Kind.LABEL_VALUES_CHANGED,
                false,
                "`status=~\"fail.*\"` selects fail (user), fail (system), fail (cancel) in 2.6.18 but fail (user),"
                    + " fail (system) in 2.6.19; the rewrite is the closest the target release can write and also selects"
                    + " rejected (cancel)",
                Optional.of(
                    "milvus_proxy_grpc_latency_bucket{status=~\"cancel|fail_input|fail_system\"}")));
  }

  @Test
  void upgrading_2_6_19_to_2_6_20_moves_the_cause_from_the_status_into_its_label() {
    UpgradeReport report =
        UpgradeCheck.between("2.6.19", "2.6.20")
            .check(UpgradeInputs.list(fixture("milvus-2.6.19-queries.txt")));

    assertThat(report.breaks())
        .extracting(UpgradeFinding::selector, f -> f.rewrite().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "milvus_proxy_req_count{status=\"fail_input\"}",
                "milvus_proxy_req_count{status=\"fail\", cause=\"user\"}"),
            org.assertj.core.groups.Tuple.tuple(
                "milvus_proxy_req_count{status=\"fail_system\"}",
                "milvus_proxy_req_count{status=\"fail\", cause=\"system\"}"),
            org.assertj.core.groups.Tuple.tuple(
                "milvus_proxy_req_count{status=\"cancel\"}",
                "milvus_proxy_req_count{status=~\"fail|rejected\", cause=\"cancel\"}"));
    assertThat(report.breaks().get(0).explanation())
        .isEqualTo(
            "`status=\"fail_input\"` selects fail (user) in 2.6.19"
                + " but matches nothing in 2.6.20 (there: status total|success|fail|retry|rejected|abandon; cause"
                + " na|user|system|cancel)");
    assertThat(report.findings())
        .filteredOn(f -> !f.breaks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.LABEL_ADDED);
              assertThat(f.explanation())
                  .isEqualTo(
                      "`milvus_proxy_req_count` has label `cause` in 2.6.20, which it does not"
                          + " have in 2.6.19: sums without by() are unchanged, but its series are split by it, and one-to-one"
                          + " arithmetic with another selector needs ignoring(cause)");
            });
  }

  @Test
  void upgrading_2_6_18_to_2_6_20_keeps_every_status_query_working() {
    UpgradeReport report =
        UpgradeCheck.between("2.6.18", "2.6.20")
            .check(UpgradeInputs.ruleFile(fixture("milvus-alerts.yaml")));

    assertThat(report.hasBreaks()).isFalse();
    assertThat(report.findings()).extracting(UpgradeFinding::kind).containsOnly(Kind.LABEL_ADDED);
  }

  @Test
  void upgrading_2_6_20_to_a_later_release_breaks_cause_na_which_only_2_6_20_writes() {
    UpgradeReport report =
        UpgradeCheck.between("2.6.20", "2.6.24")
            .check(UpgradeInputs.ruleFile(fixture("milvus-prometheusrule.yaml")));

    assertThat(report.breaks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.where()).isEqualTo("milvus-prometheusrule.yaml: alert MilvusNoCause");
              assertThat(f.rewrite()).contains("milvus_proxy_req_count{status=\"total\"}");
            });
  }

  @Test
  void upgrading_2_3_to_2_6_renames_knowhere_metrics_in_a_dashboard() {
    UpgradeReport report =
        UpgradeCheck.between("v2.3.5", "v2.6.15")
            .check(
                UpgradeInputs.dashboard(
                    DashboardSource.file(fixture("milvus-2.3-dashboard.json"))));

    assertThat(report.breaks())
        .singleElement()
        .isEqualTo(
            new UpgradeFinding(
                "dashboard 'Milvus 2.3 panels' panel Search latency p99 (knowhere) (A)",
                "histogram_quantile(0.99, sum by (le) (rate(knowhere_search_latency_bucket{namespace=\"$namespace\"}"
                    + "[$__rate_interval])))",
                "knowhere_search_latency_bucket{namespace=\"$namespace\"}",
                Kind.METRIC_RENAMED,
                true,
                "renamed in 2.6.15: `knowhere_search_latency` is `search_latency`",
                Optional.of("search_latency_bucket{namespace=\"$namespace\"}")));
    assertThat(
            UpgradeCheck.between("2.6.15", "2.3.5")
                .check(List.of(new PromqlExpression("mine", "rate(search_latency_count[5m])")))
                .breaks())
        .extracting(f -> f.rewrite().orElseThrow())
        .containsExactly("knowhere_search_latency_count");
  }

  @Test
  void a_removed_metric_and_a_removed_label_are_breaks() {
    UpgradeReport report =
        UpgradeCheck.between("2.6.15", "2.3.5")
            .check(
                List.of(
                    new PromqlExpression("a", "milvus_build_info"),
                    new PromqlExpression(
                        "b",
                        "sum(milvus_proxy_req_count{db_name=\"default\", status=\"total\"})")));

    assertThat(report.breaks())
        .extracting(UpgradeFinding::kind)
        .containsExactly(Kind.METRIC_REMOVED, Kind.LABEL_REMOVED);
    assertThat(report.breaks().get(0).explanation())
        .startsWith(
            "`milvus_build_info` does not exist in 2.3.5 (its"
                + " catalogue was captured from a running server: the metric was either not exported or not yet observed by"
                + " the recorded traffic)");
    assertThat(report.breaks().get(1).explanation())
        .isEqualTo(
            "label `db_name` of `milvus_proxy_req_count` exists in"
                + " 2.6.15 but not in 2.3.5, so `db_name=\"default\"` matches nothing there");
    assertThat(report.breaks().get(1).rewrite())
        .contains("milvus_proxy_req_count{status=\"total\"}");
  }

  @Test
  void a_release_no_catalogue_covers_is_an_assumption_in_the_report() {
    UpgradeReport report =
        UpgradeCheck.between("2.5.4", "2.6.19")
            .check(List.of(new PromqlExpression("x", "milvus_proxy_req_count{status=\"fail\"}")));

    assertThat(report.assumptions())
        .containsExactly(
            "No metric catalogue covers Milvus 2.5.4 (covered: 2.3.x (2.3.5),"
                + " 2.6.0-2.6.18 (2.6.15), 2.6.19, 2.6.20, 2.6.21 and later 2.6 releases (2.6.21)); using the nearest, 2.6.15."
                + " Facts that differ between the two releases are not seen.");
    assertThat(report.toMarkdown())
        .contains("\n- Assumption: No metric catalogue covers Milvus 2.5.4");
  }

  @Test
  void bad_input_is_a_clear_error() {
    assertThatThrownBy(() -> UpgradeCheck.between("latest", "2.6.20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'latest' is not a Milvus version.");
    assertThatThrownBy(() -> UpgradeInputs.ruleFile(fixture("not-yaml.yaml")))
        .isInstanceOf(UpgradeCheckException.class)
        .hasMessage(
            fixture("not-yaml.yaml")
                + " is not a YAML rule file: while scanning a quoted scalar at line 5,"
                + " column 13. Expected a Prometheus rule file (groups: - name: ... rules: - alert|record: ... expr: ...)"
                + " or a PrometheusRule resource (spec: groups: ...); pass a plain list of expressions with --queries"
                + " (UpgradeInputs.list) instead.");
    assertThatThrownBy(() -> UpgradeInputs.ruleFile(fixture("no-rules.yaml")))
        .hasMessage(
            fixture("no-rules.yaml")
                + " holds no rule with an expr: expected groups[].rules[].expr (a rule file) or spec.groups[].rules[].expr (a"
                + " PrometheusRule). Check that it is the file you meant.");
    Path onlyText = resource("/dashboards/only-text.json");
    assertThatThrownBy(() -> UpgradeInputs.dashboard(DashboardSource.file(onlyText)))
        .hasMessage(
            "Dashboard 'Only"
                + " text' (file "
                + onlyText
                + ") has no panel with a Prometheus query: there is nothing to check. Check that it"
                + " is the dashboard you meant and that its panels use a Prometheus data source.");
    assertThatThrownBy(
            () -> UpgradeInputs.list(fixture("no-rules.yaml").resolveSibling("missing.txt")))
        .hasMessageStartingWith(
            "Cannot read " + fixture("no-rules.yaml").resolveSibling("missing.txt") + ": ");
    assertThatThrownBy(() -> UpgradeCheck.between("2.6.18", "2.6.19").check(List.of()))
        .hasMessage(
            "Nothing to check: give at least one rule file, dashboard or list of expressions.");
  }

  @Test
  void the_markdown_report_names_releases_counts_and_rewrites() {
    String md =
        UpgradeCheck.between("2.6.19", "2.6.20")
            .check(
                List.of(
                    new PromqlExpression(
                        "alerts.yaml: alert A",
                        "sum(rate(milvus_proxy_req_count{status=\"fail_input\"}[5m])) > 1")))
            .toMarkdown();

    assertThat(md)
        .isEqualTo(
            "# Milvus upgrade check: 2.6.19 -> 2.6.20\n\n"
                + "Catalogues read: 2.6.19 for 2.6.19, 2.6.20 for 2.6.20.\n\n"
                + "1 expression, 1 selector checked: 1 break, 0 other changes.\n\n"
                + "## Breaks: these match nothing in 2.6.20\n\n"
                + "### alerts.yaml: alert A\n\n"
                + "- Selector: `milvus_proxy_req_count{status=\"fail_input\"}` (label values changed)\n"
                + "- `status=\"fail_input\"` selects fail (user) in 2.6.19 but matches nothing in 2.6.20 (there: status"
                + " total|success|fail|retry|rejected|abandon; cause na|user|system|cancel).\n"
                + "- Rewrite: `milvus_proxy_req_count{status=\"fail\", cause=\"user\"}`\n");
  }

  static Path fixture(String name) {
    return resource("/upgrade/" + name);
  }

  private static Path resource(String name) {
    try {
      return Path.of(UpgradeCheckTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
