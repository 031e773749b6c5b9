package io.github.milvusmonitored.metrics;

import java.util.List;

/**
 * The recording and alerting rules Prometheus has loaded, by group.
 *
 * @param groups the rule groups
 */
public record Rules(List<Group> groups) {
  public Rules {
    groups = List.copyOf(groups);
  }

  /** Every rule of every group. */
  public List<Rule> all() {
    return groups.stream().flatMap(g -> g.rules().stream()).toList();
  }

  /**
   * One rule group.
   *
   * @param name the group name
   * @param file the file (or PrometheusRule) it came from
   * @param rules its rules
   */
  public record Group(String name, String file, List<Rule> rules) {
    public Group {
      rules = List.copyOf(rules);
    }
  }

  /**
   * One rule.
   *
   * @param name the alert name or recorded series name
   * @param type "alerting" or "recording"
   * @param query its PromQL
   * @param health "ok", "err" or "unknown"
   * @param lastError the last evaluation error, empty if none
   * @param state for alerting rules: "inactive", "pending" or "firing"; empty for recording rules
   */
  public record Rule(String name, String type, String query, String health, String lastError, String state) {}
}
