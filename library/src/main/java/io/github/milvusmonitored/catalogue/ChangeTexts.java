package io.github.milvusmonitored.catalogue;

import java.util.List;

/**
 * Every message about what changes for a selector between two releases: the values involved, what
 * to do.
 */
final class ChangeTexts {

  private ChangeTexts() {}

  static String renamed(String metric, String to, String version) {
    return "renamed in " + version + ": `" + metric + "` is `" + to + "`";
  }

  static String removed(String metric, String version, boolean captured, List<String> similar) {
    return "`"
        + metric
        + "` does not exist in "
        + version
        + (captured
            ? " (its catalogue was captured from a running server: the metric was either not exported or not yet"
                + " observed by the recorded traffic)"
            : "")
        + (similar.isEmpty()
            ? "; no metric of that release resembles it"
            : "; similar metrics there: "
                + String.join(", ", similar.stream().map(s -> "`" + s + "`").toList()));
  }

  static String labelRemoved(String metric, String label, String matcher, String from, String to) {
    return "label `"
        + label
        + "` of `"
        + metric
        + "` exists in "
        + from
        + " but not in "
        + to
        + ", so `"
        + matcher
        + "` matches nothing there";
  }

  static String labelAdded(String metric, List<String> labels, String from, String to) {
    String names = String.join(", ", labels.stream().map(l -> "`" + l + "`").toList());
    return "`"
        + metric
        + "` has "
        + (labels.size() == 1
            ? "label " + names + " in " + to + ", which it does not have"
            : "labels " + names + " in " + to + ", which it does not have")
        + " in "
        + from
        + ": sums without by() are"
        + " unchanged, but its series are split by "
        + (labels.size() == 1 ? "it" : "them")
        + ", and one-to-one"
        + " arithmetic with another selector needs ignoring("
        + String.join(", ", labels)
        + ")";
  }

  static String outcomesGone(
      String matchers, String from, String selectedFrom, String to, String values) {
    return "`"
        + matchers
        + "` selects "
        + selectedFrom
        + " in "
        + from
        + " but matches nothing in "
        + to
        + " (there: "
        + values
        + ")";
  }

  static String outcomesChanged(
      String matchers, String from, String selectedFrom, String to, String selectedTo) {
    return "`"
        + matchers
        + "` selects "
        + selectedFrom
        + " in "
        + from
        + " but "
        + selectedTo
        + " in "
        + to;
  }

  static String valuesGone(
      String matcher, String metric, String from, String to, List<String> values) {
    return "`"
        + matcher
        + "` of `"
        + metric
        + "` matches values of "
        + from
        + " that "
        + to
        + " does not have"
        + " (there: "
        + String.join("|", values)
        + ")";
  }

  static String approximate(String selected) {
    return "; the rewrite is the closest the target release can write and also selects " + selected;
  }
}
