package io.github.milvusmonitored.prometheus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A lexical reading of PromQL that finds where series are selected: metric names (bare identifiers
 * that are not functions, aggregations, keywords or label lists such as {@code by (...)}) and brace
 * groups, with the name written before a brace group when there is one. Strings, comments, numbers,
 * range and subquery brackets and label lists are skipped. Enough for the expressions dashboards
 * and rule files hold.
 */
public final class PromqlScan {

  /**
   * One place a series is selected.
   *
   * @param name the metric name written, or null for a bare brace group
   * @param braces the brace group as written, with its braces, or null when none follows the name
   * @param text the selector as written, name and braces
   */
  public record Found(String name, String braces, String text) {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan",
          "start",
          "end");
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private PromqlScan() {}

  /**
   * Every selector of {@code promql}, in order; with {@code skipVariables}, Grafana variables
   * ({@code $node}, {@code ${x}}) are skipped instead of being read as names.
   */
  public static List<Found> selectors(String promql, boolean skipVariables) {
    List<Found> out = new ArrayList<>();
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
      } else if (c == '$' && skipVariables) {
        i = skipVariable(promql, i);
      } else if (c == '{') {
        int close = matching(promql, i, '{', '}');
        out.add(new Found(null, promql.substring(i, close), promql.substring(i, close)));
        i = close;
      } else if (c == '[') {
        i = matching(promql, i, '[', ']');
      } else if (c == '(' && skipNextList) {
        i = matching(promql, i, '(', ')');
        skipNextList = false;
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(promql.charAt(i + 1))) {
        while (i < n && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(promql.charAt(i))
                || promql.charAt(i) == '_'
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
        } else if (!KEYWORDS.contains(lower)
            && !(next < n && promql.charAt(next) == '(')
            && !startsLabelList(promql, next)) {
          if (next < n && promql.charAt(next) == '{') {
            int close = matching(promql, next, '{', '}');
            out.add(new Found(word, promql.substring(next, close), promql.substring(start, close)));
            i = close;
          } else {
            out.add(new Found(word, null, word));
          }
        }
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * The index after the string starting at {@code i} (quoted with {@code "}, {@code '} or a
   * backtick).
   */
  public static int skipString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != quote) {
      j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
    }
    return Math.min(s.length(), j + 1);
  }

  /**
   * The index after the bracket closing the one at {@code i}, skipping strings; the end when
   * unclosed.
   */
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

  /**
   * Whether {@code by} or {@code without} starts at {@code i}: the word before it is an
   * aggregation.
   */
  private static boolean startsLabelList(String s, int i) {
    for (String keyword : new String[] {"by", "without"}) {
      int end = i + keyword.length();
      if (s.regionMatches(true, i, keyword, 0, keyword.length())
          && (end == s.length()
              || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_')) {
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
}
