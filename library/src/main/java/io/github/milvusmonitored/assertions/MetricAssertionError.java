package io.github.milvusmonitored.assertions;

import java.time.Duration;
import java.util.List;

/**
 * A metric assertion that did not hold in time. Carries what was asked and everything seen, so a
 * report can plot the series over the waiting window.
 */
public class MetricAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String promql;
  private final String expectation;
  private final transient List<Observation> observations;
  private final Duration waited;

  public MetricAssertionError(
      String message,
      String promql,
      String expectation,
      List<Observation> observations,
      Duration waited) {
    super(message);
    this.promql = promql;
    this.expectation = expectation;
    this.observations = List.copyOf(observations);
    this.waited = waited;
  }

  /** The PromQL that was asked. */
  public String promql() {
    return promql;
  }

  /** What was expected, in words. */
  public String expectation() {
    return expectation;
  }

  /** Every answer seen, oldest first. */
  public List<Observation> observations() {
    return observations;
  }

  /** How long the assertion waited. */
  public Duration waited() {
    return waited;
  }
}
