package io.github.milvusmonitored.stack.internal;

import java.nio.file.Path;

/** The messages of rule files that cannot be applied, in one place. */
public final class RuleFileErrors {

  private static final String FORMAT =
      " A rule file is 'groups: [{name: ..., rules: [{alert: ..., expr: ...}]}]' (the"
          + " format of Prometheus's rule_files), or a PrometheusRule manifest with those groups under 'spec'."
          + " Nothing was applied.";

  private RuleFileErrors() {}

  public static String unreadable(Path file, Exception e) {
    return "Cannot read rule file "
        + file
        + ": "
        + e
        + ". Check the path given to applyRules(..)."
        + " Nothing was"
        + " applied.";
  }

  public static String notYaml(String source, String problem) {
    return "Rule file " + source + " is not YAML: " + problem + "." + FORMAT;
  }

  public static String notRuleGroups(String source, String found) {
    return "Rule file "
        + source
        + " is not a rule group file: found "
        + found
        + " where a 'groups' list of rule"
        + " groups was expected."
        + FORMAT;
  }

  public static String badGroup(String source, int index, String problem) {
    return "Rule file "
        + source
        + ": group "
        + (index + 1)
        + " "
        + problem
        + "; each group needs a unique 'name' and a"
        + " non-empty 'rules' list."
        + FORMAT;
  }

  public static String badRule(String source, String group, int index, String problem) {
    return "Rule file "
        + source
        + ": rule "
        + (index + 1)
        + " of group '"
        + group
        + "' "
        + problem
        + "."
        + FORMAT;
  }

  public static String taken(String namespace, String name, String source) {
    return "A PrometheusRule "
        + namespace
        + "/"
        + name
        + " already exists and was not created by this run: it is"
        + " left unchanged and the rules of "
        + source
        + " were not applied. Give the rules another name (the"
        + " PrometheusRule's metadata.name, or the rule file's name), or remove that PrometheusRule if it is a"
        + " leftover: kubectl delete prometheusrule -n "
        + namespace
        + " "
        + name;
  }
}
