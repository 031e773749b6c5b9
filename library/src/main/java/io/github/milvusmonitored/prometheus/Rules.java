package io.github.milvusmonitored.prometheus;

import java.time.Duration;
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

  /** Every alerting rule named {@code alertName} (several groups may define the same name). */
  public List<Rule> alerting(String alertName) {
    return all().stream().filter(r -> r.isAlerting() && r.name().equals(alertName)).toList();
  }

  /** The names of all alerting rules, in the order Prometheus lists them, each once. */
  public List<String> alertNames() {
    return all().stream().filter(Rule::isAlerting).map(Rule::name).distinct().toList();
  }

  /**
   * One rule group.
   *
   * @param name the group name
   * @param file the file (or PrometheusRule) it came from
   * @param interval how often the group is evaluated
   * @param rules its rules
   */
  public record Group(String name, String file, Duration interval, List<Rule> rules) {
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
   * @param forDuration for alerting rules: how long the expression must hold before the alert fires
   *     ({@code for})
   * @param labels the labels the rule adds
   * @param alerts for alerting rules: its pending and firing alerts
   */
  public record Rule(
      String name,
      String type,
      String query,
      String health,
      String lastError,
      String state,
      Duration forDuration,
      Labels labels,
      List<Alert> alerts) {
    public Rule {
      alerts = List.copyOf(alerts);
    }

    /** Whether this is an alerting rule. */
    public boolean isAlerting() {
      return "alerting".equals(type);
    }
  }
}
