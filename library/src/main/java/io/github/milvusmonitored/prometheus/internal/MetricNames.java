package io.github.milvusmonitored.prometheus.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: bare identifiers that are not functions,
 * aggregations, keywords or label lists ({@code by (...)}, {@code on (...)}), plus {@code
 * {__name__="..."}} matchers. A lexical reading ({@link PromqlScan}), enough for the expressions
 * dashboards hold.
 */
public final class MetricNames {

  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([^\"]+)\"");

  private MetricNames() {}

  public static Set<String> in(String promql) {
    Set<String> names = new LinkedHashSet<>();
    for (PromqlScan.Found found : PromqlScan.selectors(promql, false)) {
      if (found.name() != null) {
        names.add(found.name());
      }
      if (found.braces() != null) {
        Matcher m = NAME_MATCHER.matcher(found.braces());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
