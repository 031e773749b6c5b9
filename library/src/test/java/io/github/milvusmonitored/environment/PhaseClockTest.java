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

  @TempDir
  Path dir;

  @Test
  void records_each_phase_with_outcome_and_writes_json() throws Exception {
    PhaseClock clock = new PhaseClock();
    clock.run("cluster up", "k3s", () -> sleep(50));
    clock.skipped("CRDs Established", "already Established (reused)");
    assertThatThrownBy(() -> clock.run("operator ready", "deployment monitoring/prometheus-operator", () -> {
      throw new IllegalStateException("deadline passed");
    })).hasMessage("deadline passed");

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

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
