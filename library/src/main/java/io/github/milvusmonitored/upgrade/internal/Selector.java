package io.github.milvusmonitored.upgrade.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One series selector of an expression.
 *
 * @param metric the metric name
 * @param matchers its label matchers, without {@code __name__}
 * @param text the selector as written
 */
public record Selector(String metric, List<Matcher> matchers, String text) {
  public Selector {
    matchers = List.copyOf(matchers);
  }

  /**
   * One label matcher.
   *
   * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
   */
  public record Matcher(String label, String op, String value) {

    /** Whether the value holds a Grafana variable, so what it matches is unknown until the dashboard runs. */
    public boolean templated() {
      return value.contains("$");
    }

    /** Whether a series whose label is {@code v} ({@code ""} when it lacks the label) is selected. */
    public boolean matches(String v) {
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> regex().matcher(v).matches();
        case "!~" -> !regex().matcher(v).matches();
        default -> false;
      };
    }

    private Pattern regex() {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        return Pattern.compile(Pattern.quote(value));
      }
    }

    /** {@code status="fail"}, quoted as PromQL needs. */
    @Override
    public String toString() {
      return label + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** The selector with {@code matchers} instead of its own and {@code metric} as its name. */
  public String rewritten(String metric, List<Matcher> matchers) {
    return matchers.isEmpty() ? metric : metric + "{" + String.join(", ", matchers.stream().map(Matcher::toString)
        .toList()) + "}";
  }
}
