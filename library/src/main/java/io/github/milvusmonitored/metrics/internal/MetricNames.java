package io.github.milvusmonitored.metrics.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: bare identifiers that are not functions,
 * aggregations, keywords or label lists ({@code by (...)}, {@code on (...)}), plus
 * {@code {__name__="..."}} matchers. A lexical reading, enough for the expressions dashboards hold.
 */
public final class MetricNames {

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "start", "end");
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");
  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([^\"]+)\"");

  private MetricNames() {}

  public static Set<String> in(String promql) {
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    int n = promql.length();
    boolean skipNextList = false;
    while (i < n) {
      char c = promql.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(promql, i);
      } else if (c == '#') {
        while (i < n && promql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '{') {
        int close = matching(promql, i, '{', '}');
        Matcher m = NAME_MATCHER.matcher(promql.substring(i, close));
        while (m.find()) {
          names.add(m.group(1));
        }
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
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (LABEL_LISTS.contains(lower)) {
          skipNextList = true;
        } else if (!KEYWORDS.contains(lower) && !(next < n && promql.charAt(next) == '(')
            && !startsLabelList(promql, next)) {
          names.add(word);
        }
      } else {
        i++;
      }
    }
    return names;
  }

  /** Whether {@code by} or {@code without} starts at {@code i}: the word before it is an aggregation. */
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

  private static int skipString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length() && s.charAt(j) != quote) {
      j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
    }
    return Math.min(s.length(), j + 1);
  }

  /** The index after the bracket closing the one at {@code i}, skipping strings; the end when unclosed. */
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
