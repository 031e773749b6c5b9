package io.github.milvusmonitored.lab;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.PhaseTiming;
import io.github.milvusmonitored.environment.TimingReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the phase timings of fresh and reused starts on the lab (5 s scrape interval): the
 * library's own cost, since the lab pulls no image and starts no container, plus the real Milvus
 * 2.3.5's own figures (time from its process start to {@code /healthz} answering 200, resident
 * memory idle and after traffic). Not a test: it prints figures and asserts nothing.
 *
 * <p>Command: see docs/benchmarks.md, section "Startup on the lab".
 */
public final class LabStartupBenchmark {

  private LabStartupBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Long> fresh = new ArrayList<>();
    List<Long> reused = new ArrayList<>();
    try (Lab lab = Lab.start()) {
      for (int round = 1; round <= rounds; round++) {
        ClusterSnapshot before = ClusterSnapshot.of(lab.client());
        EnvironmentConfig config = LabConfigs.environment(lab, "benchmark");
        try (MonitoredEnvironment first =
            MonitoredEnvironments.start(config.withKeepInstalled(true))) {
          fresh.add(print("fresh", round, first.timingReport()));
          printMilvus(lab, first);
        }
        try (MonitoredEnvironment second = MonitoredEnvironments.start(config)) {
          reused.add(print("reused", round, second.timingReport()));
        }
        before.restore(lab.client());
      }
    }
    System.out.printf(
        "%nstart to first Milvus sample, %d rounds: fresh %s ms (goal <= 25000), reused %s ms"
            + " (goal <= 3000)%n",
        rounds, fresh, reused);
  }

  private static void printMilvus(Lab lab, MonitoredEnvironment env) {
    RealMilvusPod milvus = lab.milvusServer("milvus");
    Duration healthy = milvus.timeToHealthy(Duration.ofMinutes(2));
    long idle = milvus.residentBytes();
    try (RealMilvusTraffic traffic = RealMilvusTraffic.connect(env.milvusEndpoint())) {
      traffic.createCollection("bench").insert("bench", 1000).search("bench", 20).query("bench");
    }
    System.out.printf(
        "  Milvus %s: /healthz 200 after %d ms from its process start; RSS %d MiB idle, %d MiB after"
            + " create, 1000 inserts, 20 searches, 1 query%n",
        milvus.version(), healthy.toMillis(), idle >> 20, milvus.residentBytes() >> 20);
  }

  private static long print(String kind, int round, TimingReport report) {
    System.out.printf("%n%s start, round %d: %d ms%n", kind, round, report.total().toMillis());
    for (PhaseTiming phase : report.phases()) {
      System.out.printf(
          "  %-22s %-7s %7d ms%n", phase.name(), phase.outcome(), phase.duration().toMillis());
    }
    return report.total().toMillis();
  }
}
