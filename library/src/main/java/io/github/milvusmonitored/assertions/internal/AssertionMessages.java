package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.assertions.Observation;
import io.github.milvusmonitored.metrics.InstantVector;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.PrometheusClient;
import io.github.milvusmonitored.metrics.PrometheusException;
import io.github.milvusmonitored.metrics.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Builds the failure message of a metric assertion: what was asked, expected, seen, and the targets' health. */
public final class AssertionMessages {

  private static final int MAX_SERIES = 10;

  private AssertionMessages() {}

  public static String failure(PrometheusClient prometheus, MilvusMetrics milvus, String promql, String expected,
      List<Observation> seen, Duration waited, Duration timeout, Duration poll) {
    StringBuilder out = new StringBuilder();
    out.append(timeout.isZero()
        ? "Metric assertion failed."
        : "Metric assertion did not hold within " + seconds(timeout) + ".");
    out.append("\n  PromQL:     ").append(promql);
    out.append("\n  Expected:   ").append(expected);
    out.append("\n  Last seen:  ").append(lastSeen(seen));
    out.append("\n  Waited:     ").append(seconds(waited)).append(", asked Prometheus ").append(seen.size())
        .append(seen.size() == 1 ? " time" : " times");
    if (!timeout.isZero()) {
      out.append(" (every ").append(poll.toMillis()).append(" ms)");
    }
    distinctValues(seen).ifPresent(h -> out.append("\n  History:    ").append(h));
    out.append("\n  Prometheus: ").append(prometheus.baseUri());
    if (milvus != null) {
      out.append("\n  Milvus targets of ").append(milvus.release().namespace()).append('/')
          .append(milvus.release().instance()).append(": ").append(targets(milvus));
    }
    return out.toString();
  }

  private static String lastSeen(List<Observation> seen) {
    if (seen.isEmpty()) {
      return "nothing (Prometheus was never asked)";
    }
    Observation last = seen.get(seen.size() - 1);
    if (last.error().isPresent()) {
      return "no answer at " + last.at() + ": " + last.error().get();
    }
    InstantVector v = last.result().orElseThrow();
    if (v.isEmpty()) {
      return "no series matched (at " + last.at() + "); the metric may not be scraped yet or the"
          + " label filter matches nothing";
    }
    StringBuilder out = new StringBuilder(v.size() + " series")
        .append(" at ").append(last.at());
    v.samples().stream().limit(MAX_SERIES).forEach(s -> out.append("\n      ").append(s));
    if (v.size() > MAX_SERIES) {
      out.append("\n      ... and ").append(v.size() - MAX_SERIES).append(" more");
    }
    if (v.size() > 1) {
      out.append("\n      (value assertions expect one series unless everySeries()/anySeries(): aggregate with sum(...))");
    }
    return out.toString();
  }

  /** The sequence of distinct single values seen, e.g. "absent → 0 → 3", to show whether anything moved. */
  private static java.util.Optional<String> distinctValues(List<Observation> seen) {
    if (seen.size() < 2) {
      return java.util.Optional.empty();
    }
    List<String> steps = new java.util.ArrayList<>();
    for (Observation o : seen) {
      String step = o.error().isPresent() ? "unavailable"
          : o.result().map(v -> v.isEmpty() ? "absent"
              : v.size() == 1 ? io.github.milvusmonitored.metrics.SampleValues.format(v.samples().get(0).value())
              : v.size() + " series").orElse("?");
      if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
        steps.add(step);
      }
    }
    if (steps.size() > 12) {
      steps = new java.util.ArrayList<>(steps.subList(steps.size() - 12, steps.size()));
      steps.add(0, "...");
    }
    return java.util.Optional.of(String.join(" → ", steps));
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
