package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.assertions.internal.AlertMessages;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.prometheus.Alert;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import io.github.milvusmonitored.prometheus.Rules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Assertions on the state of one alert of Prometheus's alerting rules, checked once or, with {@link
 * #eventually}, re-asked until they hold. Start with {@link MetricAssertions#assertThatAlert}.
 *
 * <pre>{@code
 * assertThatAlert(env.prometheus(), "MilvusSearchFailing")
 *     .withLabel("app_kubernetes_io_instance", "my-release")
 *     .eventually(Duration.ofMinutes(2))
 *     .isFiring();
 * }</pre>
 *
 * <p>The state is that of the rule's alerts whose labels include every label given with {@link
 * #withLabel}: firing if one of them fires, pending if one is pending, inactive if none is. A
 * failure shows the rule's expression, its value now, its {@code for} and the state history seen
 * while waiting.
 */
public final class AlertAssert {

  private final PrometheusClient prometheus;
  private final String alertName;
  private final Map<String, String> labels;
  private final Duration timeout;
  private final Duration pollInterval;

  AlertAssert(PrometheusClient prometheus, String alertName) {
    this(prometheus, alertName, Map.of(), Duration.ZERO, Duration.ofMillis(500));
  }

  private AlertAssert(
      PrometheusClient prometheus,
      String alertName,
      Map<String, String> labels,
      Duration timeout,
      Duration pollInterval) {
    if (alertName == null || alertName.isBlank()) {
      throw new IllegalArgumentException(AlertMessages.blankAlertName());
    }
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.alertName = alertName;
    this.labels = Map.copyOf(labels);
    this.timeout = timeout;
    this.pollInterval = pollInterval;
  }

  /**
   * Only alerts carrying {@code name}={@code value} count (a label of the expression's result or of
   * the rule).
   */
  public AlertAssert withLabel(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(labels);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new AlertAssert(prometheus, alertName, more, timeout, pollInterval);
  }

  /** Re-asks until the assertion holds, for at most {@code timeout}. */
  public AlertAssert eventually(Duration timeout) {
    Checks.positive("eventually(...) timeout", timeout);
    return new AlertAssert(prometheus, alertName, labels, timeout, pollInterval);
  }

  /** How often to ask while waiting (default 500 ms). */
  public AlertAssert withPollInterval(Duration interval) {
    Checks.positive("Poll interval", interval);
    return new AlertAssert(prometheus, alertName, labels, timeout, interval);
  }

  /** The alert fires (its expression has held for the rule's {@code for}). */
  public AlertAssert isFiring() {
    return is(AlertState.FIRING);
  }

  /** The alert is pending (its expression holds, for less than the rule's {@code for} so far). */
  public AlertAssert isPending() {
    return is(AlertState.PENDING);
  }

  /** The rule is loaded and no alert of it with these labels is pending or firing. */
  public AlertAssert isInactive() {
    return is(AlertState.INACTIVE);
  }

  private AlertAssert is(AlertState expected) {
    List<AlertObservation> history = new ArrayList<>();
    Rules[] lastRules = {null};
    long start = System.nanoTime();
    if (timeout.isZero()) {
      if (ask(expected, history, lastRules, start)) {
        return this;
      }
    } else {
      try {
        Awaitility.await("alert " + alertName)
            .atMost(timeout)
            .pollDelay(Duration.ZERO)
            .pollInterval(pollInterval)
            .until(() -> ask(expected, history, lastRules, start));
        return this;
      } catch (ConditionTimeoutException e) {
        // reported below
      }
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    List<AlertObservation> seen;
    synchronized (history) {
      seen = List.copyOf(history);
    }
    String message =
        AlertMessages.failure(
            prometheus,
            alertName,
            labels,
            expected,
            Optional.ofNullable(lastRules[0]),
            seen,
            waited,
            timeout);
    throw new AlertAssertionError(message, alertName, expected, seen, waited);
  }

  private boolean ask(
      AlertState expected, List<AlertObservation> history, Rules[] lastRules, long start) {
    Duration at = Duration.ofNanos(System.nanoTime() - start);
    AlertObservation seen;
    try {
      Rules rules = prometheus.rules();
      lastRules[0] = rules;
      List<Rules.Rule> defined = rules.alerting(alertName);
      if (defined.isEmpty()) {
        seen = new AlertObservation(at, Optional.empty(), List.of(), "");
      } else {
        List<Alert> matching =
            defined.stream().flatMap(r -> r.alerts().stream()).filter(this::matches).toList();
        seen = new AlertObservation(at, Optional.of(AlertState.of(matching)), matching, "");
      }
    } catch (PrometheusUnavailableException e) {
      seen = new AlertObservation(at, Optional.empty(), List.of(), e.getMessage());
    }
    synchronized (history) {
      history.add(seen);
    }
    return seen.state().filter(expected::equals).isPresent();
  }

  private boolean matches(Alert alert) {
    return labels.entrySet().stream()
        .allMatch(l -> alert.labels().find(l.getKey()).filter(l.getValue()::equals).isPresent());
  }
}
