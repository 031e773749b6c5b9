package io.github.milvusmonitored.upgrade.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The series selectors of a PromQL expression: a metric name with its label matchers
 * ({@code milvus_proxy_req_count{status="fail"}}) or a bare {@code {__name__="..."}}. A lexical reading
 * that skips strings, range and subquery brackets, function names, keywords, label lists
 * ({@code by (...)}, {@code on (...)}) and Grafana variables ({@code $node}, {@code ${x}}).
 */
public final class Selectors {

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "start", "end");
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private Selectors() {}

  /** Every selector of {@code promql}, in order. */
  public static List<Selector> in(String promql) {
    List<Selector> out = new ArrayList<>();
    int n = promql.length();
    int i = 0;
    boolean skipNextList = false;
    while (i < n) {
      char c = promql.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(promql, i);
      } else if (c == '#') {
        while (i < n && promql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '$') {
        i = skipVariable(promql, i);
      } else if (c == '{') {
        int open = i;
        int close = matching(promql, open, '{', '}');
        List<Selector.Matcher> matchers = matchers(promql.substring(open + 1, Math.max(open + 1, close - 1)));
        matchers.stream().filter(m -> m.label().equals("__name__") && m.op().equals("=")).findFirst().ifPresent(
            name -> out.add(new Selector(name.value(), matchers.stream().filter(m -> m != name).toList(),
                promql.substring(open, close))));
        i = close;
      } else if (c == '[') {
        i = matching(promql, i, '[', ']');
      } else if (c == '(' && skipNextList) {
        i = matching(promql, i, '(', ')');
        skipNextList = false;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(promql.charAt(i + 1))) {
        while (i < n && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '_'
            || promql.charAt(i) == ':')) {
          i++;
        }
        String word = promql.substring(start, i);
        int next = i;
        while (next < n && Character.isWhitespace(promql.charAt(next))) {
          next++;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (LABEL_LISTS.contains(lower)) {
          skipNextList = true;
        } else if (!KEYWORDS.contains(lower) && !(next < n && promql.charAt(next) == '(')
            && !startsLabelList(promql, next)) {
          if (next < n && promql.charAt(next) == '{') {
            int close = matching(promql, next, '{', '}');
            out.add(new Selector(word, matchers(promql.substring(next + 1, Math.max(next + 1, close - 1))),
                promql.substring(start, close)));
            i = close;
          } else {
            out.add(new Selector(word, List.of(), word));
          }
        }
      } else {
        i++;
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
      int end = skipString(inside, i);
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

  private static boolean startsLabelList(String s, int i) {
    for (String keyword : new String[] {"by", "without"}) {
      int end = i + keyword.length();
      if (s.regionMatches(true, i, keyword, 0, keyword.length())
          && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_')) {
        return true;
      }
    }
    return false;
  }

  private static int skipVariable(String s, int i) {
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '{') {
      return matching(s, j, '{', '}');
    }
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j;
  }

  private static int skipString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != quote) {
      j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
    }
    return Math.min(s.length(), j + 1);
  }

  private static int matching(String s, int i, char open, char close) {
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '"' || c == '\'' || c == '`') {
        j = skipString(s, j);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return s.length();
  }
}
