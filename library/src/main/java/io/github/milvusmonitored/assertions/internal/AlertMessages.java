package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.assertions.AlertObservation;
import io.github.milvusmonitored.assertions.AlertState;
import io.github.milvusmonitored.prometheus.Alert;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.Labels;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.Rules;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the failure messages of alert assertions: the rule, its value now, its {@code for} and the
 * history.
 */
public final class AlertMessages {

  private static final int MAX_ITEMS = 10;

  private AlertMessages() {}

  public static String blankAlertName() {
    return "Alert name must not be blank. Example: assertThatAlert(env.prometheus(), \"MilvusSearchFailing\").";
  }

  /**
   * The failure of an alert assertion; {@code rules} is the last answer of the rules API, if any
   * came.
   */
  public static String failure(
      PrometheusClient prometheus,
      String alertName,
      Map<String, String> labels,
      AlertState expected,
      Optional<Rules> rules,
      List<AlertObservation> history,
      Duration waited,
      Duration timeout) {
    String what =
        "alert " + alertName + (labels.isEmpty() ? "" : " with labels " + Labels.of(labels));
    String head =
        timeout.isZero()
            ? "Alert assertion failed: "
            : "Alert assertion did not hold within " + seconds(timeout) + ": ";
    List<Rules.Rule> defined = rules.map(r -> r.alerting(alertName)).orElse(List.of());
    if (rules.isPresent() && defined.isEmpty()) {
      return head
          + "no alerting rule named "
          + alertName
          + " is loaded in the Prometheus at "
          + prometheus.baseUri()
          + " (asked "
          + history.size()
          + " times in "
          + seconds(waited)
          + ").\n  Alerting rules loaded: "
          + list(rules.get().alertNames())
          + "\n  The name may differ, or the rule file or PrometheusRule defining it"
          + " is not loaded (yet): check the name, the rule's health in Prometheus's /api/v1/rules, and that the"
          + " Prometheus's ruleSelector and ruleNamespaceSelector select the PrometheusRule (MonitoredEnvironment"
          + ".applyRules labels it for the environment's Prometheus).";
    }
    StringBuilder out =
        new StringBuilder(head)
            .append(what)
            .append(" expected ")
            .append(expected.text())
            .append(", last seen ")
            .append(last(history))
            .append('.');
    for (Rules.Rule rule : defined) {
      Rules.Group group =
          rules.get().groups().stream()
              .filter(g -> g.rules().contains(rule))
              .findFirst()
              .orElse(null);
      out.append("\n  Rule:        ")
          .append(
              group == null
                  ? alertName
                  : "group "
                      + group.name()
                      + " ("
                      + group.file()
                      + "), evaluated every "
                      + duration(group.interval()));
      out.append("\n  Expression:  ").append(rule.query());
      out.append("\n  For:         ").append(duration(rule.forDuration()));
      out.append("\n  Health:      ")
          .append(rule.health().isEmpty() ? "unknown" : rule.health())
          .append(rule.lastError().isEmpty() ? "" : " (" + rule.lastError() + ")");
      out.append("\n  Value now:   ").append(valueNow(prometheus, rule.query()));
      out.append("\n  Alerts now:  ").append(alerts(rule.alerts()));
    }
    if (rules.isEmpty()) {
      out.append("\n  Prometheus never answered the rules API at ")
          .append(prometheus.baseUri())
          .append('.');
    }
    out.append("\n  History:     ")
        .append(history.size())
        .append(" asks in ")
        .append(seconds(waited))
        .append(", each change:");
    changes(history).forEach(line -> out.append("\n    ").append(line));
    if (!labels.isEmpty()
        && !defined.isEmpty()
        && lastStateIgnoringLabels(defined) != AlertState.INACTIVE
        && last(history).equals(AlertState.INACTIVE.text())) {
      out.append("\n  The rule has active alerts, but none with ")
          .append(Labels.of(labels))
          .append(": check the labels its expression keeps (by (...)) and the rule adds.");
    }
    return out.toString();
  }

  private static AlertState lastStateIgnoringLabels(List<Rules.Rule> defined) {
    return AlertState.of(defined.stream().flatMap(r -> r.alerts().stream()).toList());
  }

  private static String valueNow(PrometheusClient prometheus, String query) {
    try {
      InstantVector now = prometheus.query(query);
      if (now.isEmpty()) {
        return "no series (the expression holds for nothing now)";
      }
      List<String> items =
          now.samples().stream()
              .limit(MAX_ITEMS)
              .map(s -> s.labels() + " " + SampleValues.format(s.value()))
              .toList();
      return String.join("; ", items)
          + (now.size() > MAX_ITEMS ? "; ... (" + now.size() + " series)" : "");
    } catch (PrometheusException e) {
      return "not evaluated: " + e.getMessage();
    }
  }

  private static String alerts(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return "none pending or firing";
    }
    return String.join("; ", alerts.stream().limit(MAX_ITEMS).map(AlertMessages::alert).toList());
  }

  private static String alert(Alert a) {
    return a.labels()
        + " "
        + a.state()
        + a.activeAt().map(t -> " since " + t).orElse("")
        + ", value "
        + SampleValues.format(a.value());
  }

  /** One line per ask whose state differs from the ask before it. */
  static List<String> changes(List<AlertObservation> history) {
    List<String> lines = new ArrayList<>();
    String before = null;
    for (AlertObservation o : history) {
      String now = describe(o);
      if (!Objects.equals(now, before)) {
        lines.add(String.format(Locale.ROOT, "+%.1f s  %s", o.at().toMillis() / 1000.0, now));
        before = now;
      }
    }
    return lines.isEmpty() ? List.of("(no ask was answered)") : lines;
  }

  private static String describe(AlertObservation o) {
    if (!o.error().isEmpty()) {
      return "Prometheus unavailable: " + o.error();
    }
    if (o.state().isEmpty()) {
      return "no rule of that name loaded";
    }
    return o.state().get().text()
        + (o.alerts().isEmpty()
            ? ""
            : ": "
                + String.join(
                    "; ",
                    o.alerts().stream()
                        .limit(MAX_ITEMS)
                        .map(
                            a ->
                                a.labels()
                                    + " "
                                    + a.state()
                                    + ", value "
                                    + SampleValues.format(a.value()))
                        .toList()));
  }

  private static String last(List<AlertObservation> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).state().isPresent()) {
        return history.get(i).state().get().text();
      }
    }
    return history.isEmpty() ? "nothing" : describe(history.get(history.size() - 1));
  }

  private static String list(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    return String.join(", ", names.stream().limit(30).toList())
        + (names.size() > 30 ? ", ... (" + names.size() + " in all)" : "");
  }

  /** Prometheus-style duration: 0s, 30s, 1m30s, 1h. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    String out =
        (s >= 3600 ? s / 3600 + "h" : "")
            + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "")
            + (s % 60 != 0 || s == 0 ? s % 60 + "s" : "");
    return out;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
