package io.github.milvusmonitored.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import io.github.milvusmonitored.benchmarks.StartupRun.Kind;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.environment.PhaseTiming.Outcome;
import io.github.milvusmonitored.environment.TimingReport;
import io.github.milvusmonitored.milvus.MilvusProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StartupTableTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final long GIB = StartupTable.GIB;

  @Test
  void formats_phases_wall_times_memory_and_goals_per_run() {
    StartupRun cold =
        new StartupRun(
            Kind.COLD,
            report(0, 30_000, 20_000, 150_000, 40_000),
            OptionalLong.of(GIB * 7 / 2),
            null);
    StartupRun preloaded =
        new StartupRun(
            Kind.PRELOADED,
            report(0, 25_000, 10_000, 60_000, 45_000),
            OptionalLong.of(GIB * 3),
            null);
    StartupRun reused =
        new StartupRun(
            Kind.REUSED,
            new TimingReport(
                List.of(
                    ok("cluster up", 0, 1_200),
                    skipped("Milvus ready", 1_200),
                    ok("first milvus_ sample", 1_300, 600))),
            OptionalLong.of(GIB * 5),
            null);

    String table =
        StartupTable.format(
            "Startup, Milvus standalone",
            MilvusProfile.STANDALONE,
            List.of(cold, preloaded, reused));

    assertThat(table)
        .isEqualTo(
            """
        ### Startup, Milvus standalone

        | run | cluster up (s) | CRDs Established (s) | Milvus ready (s) | first milvus_ sample (s) | to ready (s) \
        | to first milvus_ sample (s) | peak k3s memory | goals |
        | --- | --- | --- | --- | --- | --- | --- | --- | --- |
        | cold: fresh k3s, no preload | 30.0 | 20.0 | 150.0 | 40.0 | 240.0 | 240.0 | 3.50 GiB \
        | met: memory 3.50 GiB ≤ 4.00 GiB |
        | preloaded: fresh k3s, images from the host | 25.0 | 10.0 | 60.0 | 45.0 | 140.0 | 140.0 | 3.00 GiB \
        | missed: first sample 140.0 s > 120.0 s; met: memory 3.00 GiB ≤ 4.00 GiB |
        | reused: second start on a kept k3s | 1.2 | – | skipped | 0.6 | 1.9 | 1.9 | 5.00 GiB \
        | met: ready 1.9 s ≤ 5.0 s; missed: memory 5.00 GiB > 4.00 GiB |

        """);
  }

  @Test
  void one_pod_has_tighter_first_sample_and_memory_goals() {
    StartupRun preloaded =
        new StartupRun(
            Kind.PRELOADED,
            report(0, 20_000, 5_000, 20_000, 10_000),
            OptionalLong.of(GIB * 2),
            null);

    assertThat(StartupTable.goals(MilvusProfile.ONE_POD, preloaded))
        .containsExactly("met: first sample 55.0 s ≤ 60.0 s", "met: memory 2.00 GiB ≤ 3.00 GiB");
    assertThat(
            StartupTable.goals(
                MilvusProfile.ONE_POD,
                new StartupRun(
                    Kind.COLD,
                    report(0, 20_000, 5_000, 20_000, 10_000),
                    OptionalLong.of(GIB * 7 / 2),
                    null)))
        .containsExactly("missed: memory 3.50 GiB > 3.00 GiB");
  }

  @Test
  void measures_wall_time_not_the_sum_when_phases_overlap() {
    // Milvus installs while kube-prometheus comes up: 10 s and 30 s from +5 s end together at +35
    // s.
    TimingReport overlapping =
        new TimingReport(
            List.of(
                ok("cluster up", 0, 5_000),
                ok("operator ready", 5_000, 10_000),
                ok("Milvus ready", 5_000, 30_000),
                ok("first milvus_ sample", 35_000, 2_000)));
    StartupRun run = new StartupRun(Kind.PRELOADED, overlapping, OptionalLong.empty(), null);

    assertThat(run.toReady()).contains(Duration.ofSeconds(37));
    assertThat(overlapping.total()).isEqualTo(Duration.ofSeconds(47));
    assertThat(StartupTable.goals(MilvusProfile.STANDALONE, run))
        .containsExactly("met: first sample 37.0 s ≤ 120.0 s", "memory not measured");
  }

  @Test
  void a_failed_run_misses_its_goal_naming_the_phase() {
    StartupRun failed =
        new StartupRun(
            Kind.REUSED,
            new TimingReport(
                List.of(
                    new PhaseTiming(
                        "Milvus ready", T0, Duration.ofSeconds(800), Outcome.FAILED, "timed out"))),
            OptionalLong.of(GIB),
            "Milvus ready");

    assertThat(failed.toReady()).isEmpty();
    assertThat(StartupTable.goals(MilvusProfile.STANDALONE, failed))
        .containsExactly(
            "missed: failed in phase 'Milvus ready'", "met: memory 1.00 GiB ≤ 4.00 GiB");
    assertThat(StartupTable.format("h", MilvusProfile.STANDALONE, List.of(failed)))
        .contains("| reused: second start on a kept k3s | FAILED after 800.0 | – | – | 1.00 GiB |");
  }

  @Test
  void memory_leaves_out_inactive_file_cache_like_docker_stats() throws Exception {
    ObjectMapper json = new ObjectMapper();
    MemoryStatsConfig v2 =
        json.readValue(
            "{\"usage\":3000,\"stats\":{\"inactive_file\":1000}}", MemoryStatsConfig.class);
    MemoryStatsConfig v1 =
        json.readValue(
            "{\"usage\":3000,\"stats\":{\"total_inactive_file\":500}}", MemoryStatsConfig.class);
    MemoryStatsConfig none = json.readValue("{\"usage\":3000}", MemoryStatsConfig.class);

    assertThat(ContainerMemorySampler.workingSet(v2)).isEqualTo(2000);
    assertThat(ContainerMemorySampler.workingSet(v1)).isEqualTo(2500);
    assertThat(ContainerMemorySampler.workingSet(none)).isEqualTo(3000);
  }

  /** Four sequential phases: cluster up, CRDs Established, Milvus ready, first milvus_ sample. */
  private static TimingReport report(long startMillis, long... durations) {
    String[] names = {"cluster up", "CRDs Established", "Milvus ready", "first milvus_ sample"};
    List<PhaseTiming> phases = new ArrayList<>();
    long at = startMillis;
    for (int i = 0; i < durations.length; i++) {
      phases.add(ok(names[i], at, durations[i]));
      at += durations[i];
    }
    return new TimingReport(phases);
  }

  private static PhaseTiming ok(String name, long atMillis, long millis) {
    return new PhaseTiming(
        name, T0.plusMillis(atMillis), Duration.ofMillis(millis), Outcome.OK, "awaited");
  }

  private static PhaseTiming skipped(String name, long atMillis) {
    return new PhaseTiming(
        name, T0.plusMillis(atMillis), Duration.ZERO, Outcome.SKIPPED, "already there");
  }
}
