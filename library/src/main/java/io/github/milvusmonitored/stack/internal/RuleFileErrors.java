package io.github.milvusmonitored.stack.internal;

import java.nio.file.Path;

/** The messages of rule files that cannot be applied, in one place. */
public final class RuleFileErrors {

  private static final String FORMAT = " A rule file is 'groups: [{name: ..., rules: [{alert: ..., expr: ...}]}]' (the"
      + " format of Prometheus's rule_files), or a PrometheusRule manifest with those groups under 'spec'."
      + " Nothing was applied.";

  private RuleFileErrors() {}

  public static String unreadable(Path file, Exception e) {
    return "Cannot read rule file " + file + ": " + e + ". Check the path given to applyRules(..)." + " Nothing was"
        + " applied.";
  }

  public static String notYaml(String source, String problem) {
    return "Rule file " + source + " is not YAML: " + problem + "." + FORMAT;
  }

  public static String notRuleGroups(String source, String found) {
    return "Rule file " + source + " is not a rule group file: found " + found + " where a 'groups' list of rule"
        + " groups was expected." + FORMAT;
  }

  public static String badGroup(String source, int index, String problem) {
    return "Rule file " + source + ": group " + (index + 1) + " " + problem + "; each group needs a unique 'name' and a"
        + " non-empty 'rules' list." + FORMAT;
  }

  public static String badRule(String source, String group, int index, String problem) {
    return "Rule file " + source + ": rule " + (index + 1) + " of group '" + group + "' " + problem + "." + FORMAT;
  }

  public static String taken(String namespace, String name, String source) {
    return "A PrometheusRule " + namespace + "/" + name + " already exists and was not created by this run: it is"
        + " left unchanged and the rules of " + source + " were not applied. Give the rules another name (the"
        + " PrometheusRule's metadata.name, or the rule file's name), or remove that PrometheusRule if it is a"
        + " leftover: kubectl delete prometheusrule -n " + namespace + " " + name;
  }

  public static String noPrometheus(String namespace, String name) {
    return "The Prometheus resource " + namespace + "/" + name + " that the environment queries does not exist, so no"
        + " operator would hand it a PrometheusRule; nothing was applied. Check `kubectl get prometheus -A`.";
  }

  public static String ruleSelectorUnset(String prometheus) {
    return "Prometheus " + prometheus + " has no ruleSelector, so it loads no PrometheusRule (the operator reads an"
        + " unset selector as 'none'); nothing was applied. Its owner can set `ruleSelector: {}` or labels to match.";
  }

  public static String ruleSelectorExpressions(String prometheus, Object selector) {
    return "Prometheus " + prometheus + " selects PrometheusRules with matchExpressions " + selector + ", which this"
        + " library does not satisfy by itself; nothing was applied. Put the labels they require in the"
        + " PrometheusRule's metadata.labels and apply that manifest.";
  }

  public static String ruleNamespaceNotSelected(String prometheus, Object selector, String namespace,
      java.util.Map<String, String> labels) {
    return "Prometheus " + prometheus + " does not load PrometheusRules from namespace '" + namespace + "': its"
        + " ruleNamespaceSelector is " + (selector == null ? "unset (its own namespace only)" : selector.toString())
        + " and the namespace's labels are " + labels + "; nothing was applied. Label the namespace to match, or"
        + " ask the Prometheus's owner to select it.";
  }
}
