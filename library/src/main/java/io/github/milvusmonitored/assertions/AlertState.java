package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.prometheus.Alert;
import java.util.Collection;
import java.util.Locale;

/** The state of an alert, as Prometheus's rules API and the {@code ALERTS} series name it. */
public enum AlertState {
  /** The rule's expression returns no series for the alert's labels. */
  INACTIVE,
  /** The expression holds, for less than the rule's {@code for}. */
  PENDING,
  /** The expression has held for at least the rule's {@code for}. */
  FIRING;

  /**
   * The most advanced state among {@code alerts}: firing before pending; inactive when there is
   * none.
   */
  public static AlertState of(Collection<Alert> alerts) {
    if (alerts.stream().anyMatch(Alert::isFiring)) {
      return FIRING;
    }
    return alerts.stream().anyMatch(a -> "pending".equals(a.state())) ? PENDING : INACTIVE;
  }

  /** The state as Prometheus writes it: "inactive", "pending" or "firing". */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
