package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.ResolvedVariable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces Grafana variables in PromQL the way Grafana's Prometheus data source does: {@code $var},
 * {@code ${var}}, {@code ${var:format}} and {@code [[var]]}. A single-valued variable is inserted
 * as it is; a multi-value or "All" variable is regex-escaped and joined as {@code (a|b)} (or its
 * custom all value), as read from Grafana's source. Unknown variables are left as written.
 *
 * <p>What is sent is what Grafana sends, even where that finds nothing, so that the audit shows the
 * panels a user sees: "All" whose query found no value inserts its custom all value, or without one
 * the empty group {@code ()}; a regex value in an exact matcher ({@code db_name="$db"} with "All"
 * as {@code .*}) stays there, since Grafana never turns {@code =} into {@code =~}, and Prometheus
 * compares it as plain text. The audit explains both (see {@code ExactMatchers}) instead of sending
 * a query Grafana would not.
 */
public final class TemplateInterpolator {

  // Grafana's variableRegex: $var, [[var:fmt]], ${var.field:fmt}
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

  private final Map<String, ResolvedVariable> variables;
  private final Map<String, Boolean> regexFormatted;

  /**
   * @param variables the resolved variables and built-ins by name
   * @param regexFormatted whether each variable gets the regex format by default: multi-value or
   *     "All" variables, except "All" with a custom all value (inserted raw)
   */
  public TemplateInterpolator(
      Map<String, ResolvedVariable> variables, Map<String, Boolean> regexFormatted) {
    this.variables = Map.copyOf(variables);
    this.regexFormatted = Map.copyOf(regexFormatted);
  }

  /** The names referenced in {@code text}, in order, each once. */
  public static Set<String> referencedNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(name(m));
    }
    return names;
  }

  /** {@code text} with every known variable replaced. */
  public String interpolate(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      ResolvedVariable v = variables.get(name(m));
      String format = m.group(3) != null ? m.group(3) : m.group(6);
      String replacement = v == null ? m.group() : format(v, format);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String format(ResolvedVariable v, String format) {
    List<String> values = v.values();
    if (format == null) {
      if (!regexFormatted.getOrDefault(v.name(), false)) {
        return String.join(",", values);
      }
      return regex(values, true);
    }
    return switch (format) {
      case "regex" -> regex(values, false);
      case "pipe" -> String.join("|", values);
      case "csv", "raw", "text" -> String.join(",", values);
      case "doublequote" ->
          values.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(","));
      case "singlequote" ->
          values.stream().map(x -> "'" + x + "'").collect(Collectors.joining(","));
      default -> String.join(",", values);
    };
  }

  private static String regex(List<String> values, boolean promqlString) {
    List<String> escaped =
        values.stream()
            .map(x -> promqlString ? prometheusRegexEscape(x) : plainRegexEscape(x))
            .toList();
    return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
  }

  /**
   * Grafana's prometheusSpecialRegexEscape (classic behaviour): a regex escape inside a PromQL
   * string.
   */
  static String prometheusRegexEscape(String value) {
    return value.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]+?.()|]", "\\\\\\\\$0");
  }

  private static String plainRegexEscape(String value) {
    return value.replaceAll("[\\\\$^*{}\\[\\]+?.()|/]", "\\\\$0");
  }

  private static String name(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
  }
}
