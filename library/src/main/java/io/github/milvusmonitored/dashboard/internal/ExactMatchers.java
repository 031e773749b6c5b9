package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.ResolvedVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds variables whose value is a regex ("All", a custom all value, several values) standing in an
 * exact label matcher ({@code label="$var"} or {@code label!="$var"}). Grafana does not rewrite
 * such a matcher: it sends the regex, and Prometheus compares it as plain text. The audit sends the
 * same and uses this to say why the answer is empty.
 */
final class ExactMatchers {

  private static final Pattern EXACT =
      Pattern.compile("([a-zA-Z_]\\w*)\\s*(!?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ExactMatchers() {}

  /**
   * One note per regex-valued variable in an exact matcher of {@code definition}, as written there.
   */
  static List<String> notes(
      String definition,
      Map<String, ResolvedVariable> variables,
      Map<String, Boolean> regexFormatted) {
    List<String> notes = new ArrayList<>();
    Matcher m = EXACT.matcher(definition);
    while (m.find()) {
      for (String name : TemplateInterpolator.referencedNames(m.group(3))) {
        ResolvedVariable v = variables.get(name);
        boolean custom = v != null && v.all() && !regexFormatted.getOrDefault(name, false);
        boolean joined =
            v != null
                && regexFormatted.getOrDefault(name, false)
                && (v.all() || v.values().size() != 1);
        if (custom || joined) {
          String value =
              new TemplateInterpolator(variables, regexFormatted).interpolate("$" + name);
          String regexMatcher =
              m.group(1) + (m.group(2).equals("=") ? "=~" : "!~") + "\"" + m.group(3) + "\"";
          notes.add(
              DashboardErrors.regexInExactMatcher(
                  name, custom, v.all(), value, m.group(), regexMatcher));
        }
      }
    }
    return notes;
  }
}
