package io.github.milvusmonitored.assertions;

import java.time.Duration;
import java.util.List;

/** An alert assertion that did not hold in time; carries the state history it saw. */
public class AlertAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String alertName;
  private final AlertState expected;
  private final transient List<AlertObservation> history;
  private final Duration waited;

  public AlertAssertionError(
      String message,
      String alertName,
      AlertState expected,
      List<AlertObservation> history,
      Duration waited) {
    super(message);
    this.alertName = alertName;
    this.expected = expected;
    this.history = List.copyOf(history);
    this.waited = waited;
  }

  /** The alert asserted on. */
  public String alertName() {
    return alertName;
  }

  /** The state that was expected. */
  public AlertState expected() {
    return expected;
  }

  /** Every ask, oldest first. */
  public List<AlertObservation> history() {
    return history;
  }

  /** How long the assertion waited. */
  public Duration waited() {
    return waited;
  }
}
