package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.assertions.Observation;
import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the failure message of a metric assertion: what was asked, expected, seen, and the
 * targets' health.
 */
public final class AssertionMessages {

  private static final int MAX_SERIES = 10;

  private AssertionMessages() {}

  /**
   * The failure of an assertion that did not hold; {@code why} explains an empty last answer (the
   * catalogue's word on metrics never ingested) in place of the generic hint.
   */
  public static String failure(
      PrometheusClient prometheus,
      MilvusMetrics milvus,
      String promql,
      String expected,
      List<Observation> seen,
      Duration waited,
      Duration timeout,
      Duration poll,
      List<String> why) {
    String headline =
        timeout.isZero()
            ? "Metric assertion failed."
            : "Metric assertion did not hold within " + seconds(timeout) + ".";
    return report(headline, prometheus, milvus, promql, expected, seen, waited, timeout, poll, why);
  }

  /**
   * The failure of an assertion that stopped waiting because a metric it selects is absent in this
   * Milvus.
   */
  public static String stoppedEarly(
      PrometheusClient prometheus,
      MilvusMetrics milvus,
      String promql,
      String expected,
      List<Observation> seen,
      Duration waited,
      Duration timeout,
      Duration poll,
      AbsenceWatch.Absence absence) {
    String headline =
        "Metric assertion stopped before its "
            + seconds(timeout)
            + " were up: "
            + absence.metric()
            + " is absent in the Milvus version scraped here.";
    return report(
        headline,
        prometheus,
        milvus,
        promql,
        expected,
        seen,
        waited,
        timeout,
        poll,
        List.of(absent(absence)));
  }

  /**
   * Why a startup metric of the catalogue that Prometheus never ingested from an up Milvus target
   * is absent.
   */
  public static String absent(AbsenceWatch.Absence a) {
    return a.metric()
        + " is absent in the Milvus scraped here: it is a startup metric in Milvus "
        + MetricCatalogue.VERSION
        + "'s catalogue, but the target "
        + a.release().namespace()
        + "/"
        + a.release().instance()
        + " (UP, "
        + a.families()
        + " Milvus "
        + (a.families() == 1 ? "family" : "families")
        + " ingested, none named "
        + a.metric()
        + ") does not expose it; this Milvus version lacks or renames it."
        + (a.versionNote().isEmpty() ? "" : " " + a.versionNote())
        + (a.similar().isEmpty()
            ? ""
            : " Similar metrics that exist: " + String.join(", ", a.similar()) + ".")
        + " Run this test on a Milvus version that has it (say which in the test), or assert on a metric this"
        + " version exposes.";
  }

  private static String report(
      String headline,
      PrometheusClient prometheus,
      MilvusMetrics milvus,
      String promql,
      String expected,
      List<Observation> seen,
      Duration waited,
      Duration timeout,
      Duration poll,
      List<String> why) {
    StringBuilder out = new StringBuilder(headline);
    out.append("\n  PromQL:     ").append(promql);
    out.append("\n  Expected:   ").append(expected);
    boolean explained = !why.isEmpty() && lastWasEmpty(seen);
    out.append("\n  Last seen:  ").append(lastSeen(seen, explained));
    if (explained) {
      out.append("\n  Why:        ").append(String.join("; ", why));
    }
    out.append("\n  Waited:     ")
        .append(seconds(waited))
        .append(", asked Prometheus ")
        .append(seen.size())
        .append(seen.size() == 1 ? " time" : " times");
    if (!timeout.isZero()) {
      out.append(" (every ").append(poll.toMillis()).append(" ms)");
    }
    distinctValues(seen).ifPresent(h -> out.append("\n  History:    ").append(h));
    out.append("\n  Prometheus: ").append(prometheus.baseUri());
    if (milvus != null) {
      out.append("\n  Milvus targets of ")
          .append(milvus.release().namespace())
          .append('/')
          .append(milvus.release().instance())
          .append(": ")
          .append(targets(milvus));
    }
    return out.toString();
  }

  private static boolean lastWasEmpty(List<Observation> seen) {
    return !seen.isEmpty()
        && seen.get(seen.size() - 1).result().filter(InstantVector::isEmpty).isPresent();
  }

  private static String lastSeen(List<Observation> seen, boolean explained) {
    if (seen.isEmpty()) {
      return "nothing (Prometheus was never asked)";
    }
    Observation last = seen.get(seen.size() - 1);
    if (last.error().isPresent()) {
      return "no answer at " + last.at() + ": " + last.error().get();
    }
    InstantVector v = last.result().orElseThrow();
    if (v.isEmpty()) {
      return "no series matched (at "
          + last.at()
          + ")"
          + (explained
              ? ""
              : "; the metric may not be scraped yet or the label filter matches nothing");
    }
    StringBuilder out = new StringBuilder(v.size() + " series").append(" at ").append(last.at());
    v.samples().stream().limit(MAX_SERIES).forEach(s -> out.append("\n      ").append(s));
    if (v.size() > MAX_SERIES) {
      out.append("\n      ... and ").append(v.size() - MAX_SERIES).append(" more");
    }
    if (v.size() > 1) {
      out.append(
          "\n      (value assertions expect one series unless everySeries()/anySeries(): aggregate with sum(...))");
    }
    return out.toString();
  }

  /**
   * The sequence of distinct single values seen, e.g. "absent → 0 → 3", to show whether anything
   * moved.
   */
  private static Optional<String> distinctValues(List<Observation> seen) {
    if (seen.size() < 2) {
      return Optional.empty();
    }
    List<String> steps = new ArrayList<>();
    for (Observation o : seen) {
      String step =
          o.error().isPresent()
              ? "unavailable"
              : o.result()
                  .map(
                      v ->
                          v.isEmpty()
                              ? "absent"
                              : v.size() == 1
                                  ? SampleValues.format(v.samples().get(0).value())
                                  : v.size() + " series")
                  .orElse("?");
      if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
        steps.add(step);
      }
    }
    if (steps.size() > 12) {
      steps = new ArrayList<>(steps.subList(steps.size() - 12, steps.size()));
      steps.add(0, "...");
    }
    return Optional.of(String.join(" → ", steps));
  }

  private static String targets(MilvusMetrics milvus) {
    try {
      return milvus.targetStatus().summary();
    } catch (PrometheusException e) {
      return "could not be read (" + e.getMessage() + ")";
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
