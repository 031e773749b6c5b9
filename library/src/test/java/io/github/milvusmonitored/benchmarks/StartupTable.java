package io.github.milvusmonitored.benchmarks;

import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.milvus.MilvusProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Formats startup runs as a Markdown table with the goals each run met or missed. */
final class StartupTable {

  static final long GIB = 1024L * 1024 * 1024;
  static final Duration REUSED_READY_GOAL = Duration.ofSeconds(5);

  private StartupTable() {}

  /** The table, preceded by {@code heading} as a level-3 title, with one row per run. */
  static String format(String heading, MilvusProfile profile, List<StartupRun> runs) {
    Set<String> phases = new LinkedHashSet<>();
    runs.forEach(run -> run.report().phases().forEach(p -> phases.add(p.name())));
    List<String> header = new ArrayList<>(List.of("run"));
    phases.forEach(p -> header.add(p + " (s)"));
    header.addAll(
        List.of("to ready (s)", "to first milvus_ sample (s)", "peak k3s memory", "goals"));
    StringBuilder out = new StringBuilder("### ").append(heading).append("\n\n");
    row(out, header);
    row(out, header.stream().map(h -> "---").toList());
    for (StartupRun run : runs) {
      List<String> cells = new ArrayList<>(List.of(run.kind().label));
      phases.forEach(
          name -> cells.add(run.report().phase(name).map(StartupTable::phaseCell).orElse("–")));
      cells.add(run.toReady().map(StartupTable::seconds).orElse("–"));
      cells.add(run.toFirstSample().map(StartupTable::seconds).orElse("–"));
      cells.add(memory(run.peakMemoryBytes()));
      cells.add(String.join("; ", goals(profile, run)));
      row(out, cells);
    }
    return out.append('\n').toString();
  }

  /**
   * Each goal that applies to the run, as "met: .." or "missed: ..": reused ready within 5 s;
   * preloaded first sample within 120 s (60 s one-pod); peak memory within 4 GiB (3 GiB one-pod).
   */
  static List<String> goals(MilvusProfile profile, StartupRun run) {
    List<String> goals = new ArrayList<>();
    if (run.failedPhase() != null) {
      goals.add("missed: failed in phase '" + run.failedPhase() + "'");
    } else if (run.kind() == StartupRun.Kind.REUSED) {
      goals.add(verdict("ready", run.toReady(), REUSED_READY_GOAL));
    } else if (run.kind() == StartupRun.Kind.PRELOADED) {
      goals.add(verdict("first sample", run.toFirstSample(), firstSampleGoal(profile)));
    }
    long limit = memoryGoal(profile);
    run.peakMemoryBytes()
        .ifPresentOrElse(
            peak ->
                goals.add(
                    (peak <= limit ? "met" : "missed")
                        + ": memory "
                        + gib(peak)
                        + (peak <= limit ? " ≤ " : " > ")
                        + gib(limit)),
            () -> goals.add("memory not measured"));
    return goals;
  }

  static Duration firstSampleGoal(MilvusProfile profile) {
    return profile == MilvusProfile.ONE_POD ? Duration.ofSeconds(60) : Duration.ofSeconds(120);
  }

  static long memoryGoal(MilvusProfile profile) {
    return profile == MilvusProfile.ONE_POD ? 3 * GIB : 4 * GIB;
  }

  private static String verdict(String what, Optional<Duration> measured, Duration goal) {
    if (measured.isEmpty()) {
      return "missed: no " + what;
    }
    boolean met = measured.get().compareTo(goal) <= 0;
    return (met ? "met" : "missed")
        + ": "
        + what
        + " "
        + seconds(measured.get())
        + " s"
        + (met ? " ≤ " : " > ")
        + seconds(goal)
        + " s";
  }

  private static String phaseCell(PhaseTiming phase) {
    return switch (phase.outcome()) {
      case OK -> seconds(phase.duration());
      case SKIPPED -> "skipped";
      case FAILED -> "FAILED after " + seconds(phase.duration());
    };
  }

  private static String memory(OptionalLong bytes) {
    return bytes.isPresent() ? gib(bytes.getAsLong()) : "–";
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
