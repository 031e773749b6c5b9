package io.github.milvusmonitored.environment;

import java.time.Duration;
import java.time.Instant;

/**
 * How long one readiness phase took and how it ended.
 *
 * @param name the phase, e.g. "operator ready"
 * @param started when it started
 * @param duration how long it took
 * @param outcome ok, failed, or skipped (already there on reuse)
 * @param detail what was awaited, or why it failed
 */
public record PhaseTiming(
    String name, Instant started, Duration duration, Outcome outcome, String detail) {

  /** How a phase ended. */
  public enum Outcome {
    OK,
    FAILED,
    SKIPPED
  }
}
