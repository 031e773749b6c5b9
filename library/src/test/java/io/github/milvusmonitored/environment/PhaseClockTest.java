package io.github.milvusmonitored.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseClockTest {

  @TempDir Path dir;

  @Test
  void records_each_phase_with_outcome_and_writes_json() throws Exception {
    PhaseClock clock = new PhaseClock();
    clock.run("cluster up", "k3s", () -> sleep(50));
    clock.skipped("CRDs Established", "already Established (reused)");
    assertThatThrownBy(
            () ->
                clock.run(
                    "operator ready",
                    "deployment monitoring/prometheus-operator",
                    () -> {
                      throw new IllegalStateException("deadline passed");
                    }))
        .hasMessage("deadline passed");

    TimingReport report = clock.report();
    Path file = dir.resolve("sub/timing.json");
    report.writeTo(file);
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));

    assertThat(json.path("phases")).hasSize(3);
    assertThat(json.path("phases").get(0).path("name").asText()).isEqualTo("cluster up");
    assertThat(json.path("phases").get(0).path("seconds").asDouble()).isGreaterThanOrEqualTo(0.05);
    assertThat(json.path("phases").get(1).path("outcome").asText()).isEqualTo("skipped");
    assertThat(json.path("phases").get(2).path("outcome").asText()).isEqualTo("failed");
    assertThat(json.path("phases").get(2).path("detail").asText()).isEqualTo("deadline passed");
    assertThat(report.phase("cluster up")).isPresent();
    assertThat(json.path("totalSeconds").asDouble()).isGreaterThanOrEqualTo(0.05);
  }

  @Test
  void after_a_stop_no_phase_starts_and_the_running_one_finishes() {
    PhaseClock clock = new PhaseClock();
    String inner =
        clock.run(
            "Milvus ready",
            "the release's pods",
            () -> {
              clock.stopBeforeNextPhase("the JVM is stopping");
              return "finished";
            });
    assertThat(inner).isEqualTo("finished");
    boolean[] ran = {false};
    assertThatThrownBy(() -> clock.run("Prometheus ready", "/-/ready", () -> ran[0] = true))
        .isInstanceOf(java.util.concurrent.CancellationException.class)
        .hasMessage("Phase 'Prometheus ready' was not started: the JVM is stopping.");
    assertThat(ran[0]).isFalse();
    assertThat(clock.report().phases())
        .extracting(PhaseTiming::name, PhaseTiming::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Milvus ready", PhaseTiming.Outcome.OK),
            org.assertj.core.groups.Tuple.tuple("Prometheus ready", PhaseTiming.Outcome.FAILED));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
