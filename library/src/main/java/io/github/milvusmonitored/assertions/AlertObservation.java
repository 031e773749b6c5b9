package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.prometheus.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one ask of Prometheus's rules showed for the alert asserted on.
 *
 * @param at when, from the start of the assertion
 * @param state the state of the alerts matching the asserted labels; empty if no rule of that name
 *     was loaded or Prometheus did not answer
 * @param alerts the matching pending and firing alerts
 * @param error why Prometheus did not answer, empty if it did
 */
public record AlertObservation(
    Duration at, Optional<AlertState> state, List<Alert> alerts, String error) {
  public AlertObservation {
    alerts = List.copyOf(alerts);
  }
}
