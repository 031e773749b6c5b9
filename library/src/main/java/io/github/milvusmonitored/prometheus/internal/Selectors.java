package io.github.milvusmonitored.prometheus.internal;

import io.github.milvusmonitored.prometheus.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * The series selectors of a PromQL expression: a metric name with its label matchers ({@code
 * milvus_proxy_req_count{status="fail"}}) or a bare {@code {__name__="..."}}. A lexical reading
 * ({@link PromqlScan}) that skips strings, range and subquery brackets, function names, keywords,
 * label lists ({@code by (...)}, {@code on (...)}) and Grafana variables ({@code $node}, {@code
 * ${x}}).
 */
public final class Selectors {

  private Selectors() {}

  /** Every selector of {@code promql}, in order. */
  public static List<Selector> in(String promql) {
    List<Selector> out = new ArrayList<>();
    for (PromqlScan.Found found : PromqlScan.selectors(promql, true)) {
      List<Selector.Matcher> matchers =
          found.braces() == null
              ? List.of()
              : matchers(found.braces().substring(1, Math.max(1, found.braces().length() - 1)));
      if (found.name() != null) {
        out.add(new Selector(found.name(), matchers, found.text()));
      } else {
        matchers.stream()
            .filter(m -> m.label().equals("__name__") && m.op().equals("="))
            .findFirst()
            .ifPresent(
                name ->
                    out.add(
                        new Selector(
                            name.value(),
                            matchers.stream().filter(m -> m != name).toList(),
                            found.text())));
      }
    }
    return out;
  }

  /** The matchers inside the braces of a selector. */
  static List<Selector.Matcher> matchers(String inside) {
    List<Selector.Matcher> out = new ArrayList<>();
    int i = 0;
    int n = inside.length();
    while (i < n) {
      while (i < n && (Character.isWhitespace(inside.charAt(i)) || inside.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(inside.charAt(i)) || inside.charAt(i) == '_')) {
        i++;
      }
      String label = inside.substring(start, i);
      while (i < n && Character.isWhitespace(inside.charAt(i))) {
        i++;
      }
      int opStart = i;
      while (i < n && "=!~".indexOf(inside.charAt(i)) >= 0) {
        i++;
      }
      String op = inside.substring(opStart, i);
      while (i < n && Character.isWhitespace(inside.charAt(i))) {
        i++;
      }
      if (label.isEmpty() || op.isEmpty() || i >= n || "\"'`".indexOf(inside.charAt(i)) < 0) {
        break;
      }
      int end = PromqlScan.skipString(inside, i);
      out.add(new Selector.Matcher(label, op, unquote(inside.substring(i, end))));
      i = end;
    }
    return out;
  }

  private static String unquote(String quoted) {
    String body = quoted.substring(1, Math.max(1, quoted.length() - 1));
    if (quoted.charAt(0) == '`') {
      return body;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
