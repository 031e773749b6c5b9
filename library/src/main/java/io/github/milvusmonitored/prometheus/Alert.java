package io.github.milvusmonitored.prometheus;

import java.time.Instant;
import java.util.Optional;

/**
 * One active (pending or firing) alert.
 *
 * @param labels the alert's labels, including {@code alertname}
 * @param annotations its annotations
 * @param state "pending" or "firing"
 * @param activeAt since when it is active
 * @param value the value of the expression that made it active
 */
public record Alert(
    Labels labels, Labels annotations, String state, Optional<Instant> activeAt, double value) {

  /** The alert's name. */
  public String name() {
    return labels.find("alertname").orElse("");
  }

  /** Whether the alert is firing (not only pending). */
  public boolean isFiring() {
    return "firing".equals(state);
  }
}
