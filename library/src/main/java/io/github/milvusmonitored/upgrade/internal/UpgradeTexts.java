package io.github.milvusmonitored.upgrade.internal;

import java.nio.file.Path;

/** Every message of the upgrade check: what happened, the values, the likely cause, what to do. */
public final class UpgradeTexts {

  private UpgradeTexts() {}

  public static String notYaml(Path file, String detail) {
    return file
        + " is not a YAML rule file: "
        + detail
        + ". Expected a Prometheus rule file (groups: - name: ..."
        + " rules: - alert|record: ... expr: ...) or a PrometheusRule resource (spec: groups: ...); pass a plain"
        + " list of expressions with --queries (UpgradeInputs.list) instead.";
  }

  public static String noRules(Path file) {
    return file
        + " holds no rule with an expr: expected groups[].rules[].expr (a rule file) or"
        + " spec.groups[].rules[].expr (a PrometheusRule). Check that it is the file you meant.";
  }

  public static String noQueries(String title, String origin) {
    return "Dashboard '"
        + title
        + "' ("
        + origin
        + ") has no panel with a Prometheus query: there is nothing to"
        + " check. Check that it is the dashboard you meant and that its panels use a Prometheus data source.";
  }

  public static String emptyList(Path file) {
    return file
        + " holds no expression: expected one PromQL expression per line (lines starting with # are"
        + " comments).";
  }

  public static String unreadable(Path file, Exception e) {
    return "Cannot read " + file + ": " + e + ". Check that it exists and is readable.";
  }

  public static String noInput() {
    return "Nothing to check: give at least one rule file, dashboard or list of expressions.";
  }
}
