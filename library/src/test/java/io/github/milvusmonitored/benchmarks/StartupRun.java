package io.github.milvusmonitored.benchmarks;

import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.environment.TimingReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One measured start of the environment.
 *
 * @param kind how the environment was started
 * @param report the phases the start went through (partial when it failed)
 * @param peakMemoryBytes highest memory use of the k3s container while starting, if measured
 * @param failedPhase the phase that failed, or {@code null}
 */
record StartupRun(
    Kind kind, TimingReport report, OptionalLong peakMemoryBytes, String failedPhase) {

  /** How the environment was started. */
  enum Kind {
    COLD("cold: fresh k3s, no preload"),
    PRELOADED("preloaded: fresh k3s, images from the host"),
    REUSED("reused: second start on a kept k3s");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** Wall time from the first phase's start to the last phase's end; empty when it failed. */
  Optional<Duration> toReady() {
    if (failedPhase != null || report.phases().isEmpty()) {
      return Optional.empty();
    }
    Instant end =
        report.phases().stream().map(StartupRun::end).max(Comparator.naturalOrder()).orElseThrow();
    return Optional.of(Duration.between(start(), end));
  }

  /** Wall time from the first phase's start to the end of "first milvus_ sample". */
  Optional<Duration> toFirstSample() {
    return report
        .phase("first milvus_ sample")
        .filter(p -> p.outcome() == PhaseTiming.Outcome.OK)
        .map(p -> Duration.between(start(), end(p)));
  }

  private Instant start() {
    return report.phases().stream()
        .map(PhaseTiming::started)
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  private static Instant end(PhaseTiming phase) {
    return phase.started().plus(phase.duration());
  }
}
