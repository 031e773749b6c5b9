package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.assertions.internal.AbsenceWatch;
import io.github.milvusmonitored.assertions.internal.AssertionMessages;
import io.github.milvusmonitored.assertions.internal.Expectation;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusUnavailableException;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Assertions on the answer to one PromQL expression, checked once or, with {@link #eventually},
 * re-asked until they hold or the time is up. Start with {@link MetricAssertions#assertThatMetric}.
 *
 * <p>Value assertions expect the query to return exactly one series (aggregate with {@code
 * sum(...)}); {@link #everySeries()} and {@link #anySeries()} change that. A query Prometheus
 * rejects fails at once; an unreachable Prometheus counts as "not yet" while waiting.
 */
public final class MetricAssert {

  private enum Mode {
    SINGLE,
    EVERY,
    ANY
  }

  private final PrometheusClient prometheus;
  private final MilvusMetrics milvus;
  private final String promql;
  private final Duration timeout;
  private final Duration pollInterval;
  private final Mode mode;

  MetricAssert(PrometheusClient prometheus, MilvusMetrics milvus, String promql) {
    this(prometheus, milvus, promql, Duration.ZERO, Duration.ofMillis(200), Mode.SINGLE);
  }

  private MetricAssert(
      PrometheusClient prometheus,
      MilvusMetrics milvus,
      String promql,
      Duration timeout,
      Duration pollInterval,
      Mode mode) {
    Checks.promql(promql);
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
    this.milvus = milvus;
    this.promql = promql;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.mode = mode;
  }

  /** Re-asks until the assertion holds, for at most {@code timeout}. */
  public MetricAssert eventually(Duration timeout) {
    Checks.positive("eventually(...) timeout", timeout);
    return new MetricAssert(prometheus, milvus, promql, timeout, pollInterval, mode);
  }

  /** How often to ask while waiting (default 200 ms). */
  public MetricAssert withPollInterval(Duration interval) {
    Checks.positive("Poll interval", interval);
    return new MetricAssert(prometheus, milvus, promql, timeout, interval, mode);
  }

  /** Value assertions must hold for every series returned (and at least one must be returned). */
  public MetricAssert everySeries() {
    return new MetricAssert(prometheus, milvus, promql, timeout, pollInterval, Mode.EVERY);
  }

  /** Value assertions must hold for at least one series returned. */
  public MetricAssert anySeries() {
    return new MetricAssert(prometheus, milvus, promql, timeout, pollInterval, Mode.ANY);
  }

  public MetricAssert isGreaterThan(double other) {
    return value("> " + fmt(other), v -> v > other);
  }

  public MetricAssert isGreaterThanOrEqualTo(double other) {
    return value(">= " + fmt(other), v -> v >= other);
  }

  public MetricAssert isLessThan(double other) {
    return value("< " + fmt(other), v -> v < other);
  }

  public MetricAssert isLessThanOrEqualTo(double other) {
    return value("<= " + fmt(other), v -> v <= other);
  }

  /** Exact equality; NaN equals NaN here, as Prometheus prints it. */
  public MetricAssert isEqualTo(double expected) {
    return value("== " + fmt(expected), v -> Double.compare(v, expected) == 0);
  }

  public MetricAssert isCloseTo(double expected, double tolerance) {
    return value(
        "within " + fmt(tolerance) + " of " + fmt(expected),
        v -> Math.abs(v - expected) <= tolerance);
  }

  public MetricAssert isBetween(double low, double high) {
    return value("between " + fmt(low) + " and " + fmt(high), v -> v >= low && v <= high);
  }

  public MetricAssert isPositive() {
    return isGreaterThan(0);
  }

  public MetricAssert isZero() {
    return isEqualTo(0);
  }

  public MetricAssert isNaN() {
    return value("NaN", Double::isNaN);
  }

  public MetricAssert isInfinite() {
    return value("+Inf or -Inf", Double::isInfinite);
  }

  /** At least one series is returned. */
  public MetricAssert isPresent() {
    return satisfies("at least one series", v -> !v.isEmpty());
  }

  /** No series is returned (the metric is absent, or the filter matches nothing). */
  public MetricAssert isAbsent() {
    return satisfies("no series at all", InstantVector::isEmpty);
  }

  /** Exactly {@code count} series are returned. */
  public MetricAssert hasSeriesCount(int count) {
    return satisfies("exactly " + count + " series", v -> v.size() == count);
  }

  /**
   * The sum over all returned series grows by at least {@code delta} from its value at the first
   * ask (a missing metric counts as 0, so counters that appear only after traffic work).
   */
  public MetricAssert increasesByAtLeast(double delta) {
    double[] baseline = {Double.NaN};
    return satisfies(
        "sum to increase by at least " + fmt(delta) + " from its first value",
        v -> {
          if (Double.isNaN(baseline[0])) {
            baseline[0] = v.sum();
          }
          return v.sum() - baseline[0] >= delta;
        });
  }

  /** A condition of your own on the whole answer, described in words for the failure message. */
  public MetricAssert satisfies(String description, Predicate<InstantVector> condition) {
    run(new Expectation(description, condition));
    return this;
  }

  private MetricAssert value(String description, DoublePredicate test) {
    String words =
        switch (mode) {
          case SINGLE -> "a single series with value " + description;
          case EVERY -> "every series (at least one) with value " + description;
          case ANY -> "at least one series with value " + description;
        };
    Predicate<InstantVector> condition =
        switch (mode) {
          case SINGLE -> v -> v.size() == 1 && test.test(v.samples().get(0).value());
          case EVERY ->
              v -> !v.isEmpty() && v.samples().stream().allMatch(s -> test.test(s.value()));
          case ANY -> v -> v.samples().stream().anyMatch(s -> test.test(s.value()));
        };
    return satisfies(words, condition);
  }

  private void run(Expectation expectation) {
    List<Observation> seen = new ArrayList<>();
    long start = System.nanoTime();
    // only a release tells whose target and families to look at; a plain client just waits
    AbsenceWatch watch =
        milvus == null || timeout.isZero() ? null : new AbsenceWatch(promql, milvus.release());
    List<String> why = List.of();
    if (timeout.isZero()) {
      if (ask(expectation, seen, null)) {
        return;
      }
    } else {
      try {
        Awaitility.await(promql)
            .atMost(timeout)
            .pollDelay(Duration.ZERO)
            .pollInterval(pollInterval)
            .until(() -> ask(expectation, seen, watch));
        return;
      } catch (ConditionTimeoutException e) {
        why = watch == null ? List.of() : watch.reasons(milvus);
      } catch (Absent e) {
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        String message =
            AssertionMessages.stoppedEarly(
                prometheus,
                milvus,
                promql,
                expectation.description(),
                seen,
                waited,
                timeout,
                pollInterval,
                e.absence);
        throw new MetricAssertionError(message, promql, expectation.description(), seen, waited);
      }
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    String message =
        AssertionMessages.failure(
            prometheus,
            milvus,
            promql,
            expectation.description(),
            seen,
            waited,
            timeout,
            pollInterval,
            why);
    throw new MetricAssertionError(message, promql, expectation.description(), seen, waited);
  }

  private boolean ask(Expectation expectation, List<Observation> seen, AbsenceWatch watch) {
    InstantVector answer;
    try {
      answer = prometheus.query(promql);
    } catch (PrometheusUnavailableException e) {
      synchronized (seen) {
        seen.add(Observation.failed(e.getMessage()));
      }
      return false;
    }
    synchronized (seen) {
      seen.add(Observation.of(answer));
    }
    if (expectation.condition().test(answer)) {
      return true;
    }
    if (watch != null && answer.isEmpty()) {
      watch
          .check(milvus)
          .ifPresent(
              absence -> {
                throw new Absent(absence);
              });
    }
    return false;
  }

  /** Ends the wait from inside the polled condition: waiting longer cannot bring the metric. */
  private static final class Absent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient AbsenceWatch.Absence absence;

    Absent(AbsenceWatch.Absence absence) {
      super(null, null, false, false);
      this.absence = absence;
    }
  }

  private static String fmt(double d) {
    return SampleValues.format(d);
  }
}
