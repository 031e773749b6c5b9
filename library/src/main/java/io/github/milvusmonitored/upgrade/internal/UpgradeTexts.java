package io.github.milvusmonitored.upgrade.internal;

import java.nio.file.Path;
import java.util.List;

/** Every message of the upgrade check: what happened, the values, the likely cause, what to do. */
public final class UpgradeTexts {

  private UpgradeTexts() {}

  public static String renamed(String metric, String to, String version) {
    return "renamed in " + version + ": `" + metric + "` is `" + to + "`";
  }

  public static String removed(String metric, String version, boolean captured, List<String> similar) {
    return "`" + metric + "` does not exist in " + version + (captured
        ? " (its catalogue was captured from a running server: the metric was either not exported or not yet"
            + " observed by the recorded traffic)" : "")
        + (similar.isEmpty() ? "; no metric of that release resembles it" : "; similar metrics there: "
            + String.join(", ", similar.stream().map(s -> "`" + s + "`").toList()));
  }

  public static String labelRemoved(String metric, String label, String matcher, String from, String to) {
    return "label `" + label + "` of `" + metric + "` exists in " + from + " but not in " + to + ", so `" + matcher
        + "` matches nothing there";
  }

  public static String labelAdded(String metric, List<String> labels, String from, String to) {
    String names = String.join(", ", labels.stream().map(l -> "`" + l + "`").toList());
    return "`" + metric + "` has " + (labels.size() == 1 ? "label " + names + " in " + to + ", which it does not have"
        : "labels " + names + " in " + to + ", which it does not have") + " in " + from + ": sums without by() are"
        + " unchanged, but its series are split by " + (labels.size() == 1 ? "it" : "them") + ", and one-to-one"
        + " arithmetic with another selector needs ignoring(" + String.join(", ", labels) + ")";
  }

  public static String outcomesGone(String matchers, String from, String selectedFrom, String to, String values) {
    return "`" + matchers + "` selects " + selectedFrom + " in " + from + " but matches nothing in " + to
        + " (there: " + values + ")";
  }

  public static String outcomesChanged(String matchers, String from, String selectedFrom, String to,
      String selectedTo) {
    return "`" + matchers + "` selects " + selectedFrom + " in " + from + " but " + selectedTo + " in " + to;
  }

  public static String valuesGone(String matcher, String metric, String from, String to, List<String> values) {
    return "`" + matcher + "` of `" + metric + "` matches values of " + from + " that " + to + " does not have"
        + " (there: " + String.join("|", values) + ")";
  }

  public static String approximate(String selected) {
    return "; the rewrite is the closest the target release can write and also selects " + selected;
  }

  public static String notYaml(Path file, String detail) {
    return file + " is not a YAML rule file: " + detail + ". Expected a Prometheus rule file (groups: - name: ..."
        + " rules: - alert|record: ... expr: ...) or a PrometheusRule resource (spec: groups: ...); pass a plain"
        + " list of expressions with --queries (UpgradeInputs.list) instead.";
  }

  public static String noRules(Path file) {
    return file + " holds no rule with an expr: expected groups[].rules[].expr (a rule file) or"
        + " spec.groups[].rules[].expr (a PrometheusRule). Check that it is the file you meant.";
  }

  public static String noQueries(String title, String origin) {
    return "Dashboard '" + title + "' (" + origin + ") has no panel with a Prometheus query: there is nothing to"
        + " check. Check that it is the dashboard you meant and that its panels use a Prometheus data source.";
  }

  public static String emptyList(Path file) {
    return file + " holds no expression: expected one PromQL expression per line (lines starting with # are"
        + " comments).";
  }

  public static String unreadable(Path file, Exception e) {
    return "Cannot read " + file + ": " + e + ". Check that it exists and is readable.";
  }

  public static String noInput() {
    return "Nothing to check: give at least one rule file, dashboard or list of expressions.";
  }
}
