package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.prometheus.InstantVector;
import java.time.Instant;
import java.util.Optional;

/**
 * One ask of an assertion: when, and what Prometheus answered (or why it did not).
 *
 * @param at when the answer arrived
 * @param result the answer, empty when the ask failed
 * @param error why the ask failed, empty when it succeeded
 */
public record Observation(Instant at, Optional<InstantVector> result, Optional<String> error) {

  static Observation of(InstantVector v) {
    return new Observation(Instant.now(), Optional.of(v), Optional.empty());
  }

  static Observation failed(String error) {
    return new Observation(Instant.now(), Optional.empty(), Optional.of(error));
  }
}
