package io.github.milvusmonitored.prometheus;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One series selector of a PromQL expression: a metric name and its label matchers.
 *
 * <pre>{@code
 * Selector s = Promql.selectors("rate(milvus_proxy_req_count{status=\"fail\"}[5m])").get(0);
 * s.metric();     // milvus_proxy_req_count
 * s.matchers();   // [status="fail"]
 * s.rewritten("milvus_proxy_req_count", List.of()); // milvus_proxy_req_count
 * }</pre>
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
   * One label matcher, such as {@code status=~"fail.*"}.
   *
   * @param label the label name
   * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
   * @param value the value, unquoted
   */
  public record Matcher(String label, String op, String value) {

    /**
     * Whether a series whose label is {@code v} ({@code ""} when it lacks the label) is selected; a
     * regular expression that does not compile is read as the literal text.
     */
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
    return matchers.isEmpty()
        ? metric
        : metric + "{" + String.join(", ", matchers.stream().map(Matcher::toString).toList()) + "}";
  }
}
