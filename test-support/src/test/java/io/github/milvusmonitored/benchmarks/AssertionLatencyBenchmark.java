package io.github.milvusmonitored.benchmarks;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;

import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prints, against a real Prometheus scraping the Milvus test exporter, how long after the exporter
 * changes a value an {@code eventually} assertion passes, for scrape intervals of 1 s and 5 s (the
 * interval is the floor: the new value exists in Prometheus only after the next scrape). The cost
 * of one query is {@link ClientCostBenchmark}'s.
 *
 * <p>Run: {@code ./mvnw -B -q -pl test-support -am install -DskipTests -Dinvoker.skip=true}, then
 * {@code ./mvnw -B -q -pl test-support exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.milvusmonitored.benchmarks.AssertionLatencyBenchmark}. Argument:
 * {@code [changes per interval, default 40]}.
 */
public final class AssertionLatencyBenchmark {

  private static final String GAUGE = "milvus_msg_queue_consumer_num";
  private static final Map<String, String> LABELS = Map.of("role_name", "proxy", "node_id", "42");

  private AssertionLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (Duration interval : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5))) {
      try (PrometheusWithMilvusExporter env =
          PrometheusWithMilvusExporter.builder().withScrapeInterval(interval).build()) {
        env.start();
        env.awaitFirstScrape();
        if (interval.getSeconds() == 1) {
          System.out.println("prometheus: " + env.prometheus().version());
        }
        if (changes > 0) {
          latency(env, interval, changes);
        }
      }
    }
  }

  private static void latency(PrometheusWithMilvusExporter env, Duration interval, int changes)
      throws Exception {
    PrometheusClient prometheus = PrometheusClient.create(env.prometheus().baseUri());
    String promql = GAUGE + "{node_id=\"42\"}";
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= changes; i++) {
      // A random phase against the scrape schedule, as in a real test.
      Thread.sleep(ThreadLocalRandom.current().nextLong(interval.toMillis()));
      long t0 = System.nanoTime();
      env.exporter().setGauge(GAUGE, LABELS, i);
      assertThatMetric(prometheus, promql)
          .eventually(interval.multipliedBy(3).plusSeconds(5))
          .isEqualTo(i);
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    double p50 = percentile(millis, 50);
    double p95 = percentile(millis, 95);
    double goal = interval.toMillis() + 250;
    System.out.printf(
        Locale.ROOT,
        "eventually latency, scrape interval %ds, %d changes: p50 %.0f ms, p95 %.0f ms,"
            + " max %.0f ms (goal p95 <= %.0f ms: %s)%n",
        interval.getSeconds(),
        changes,
        p50,
        p95,
        percentile(millis, 100),
        goal,
        p95 <= goal ? "met" : "MISSED");
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
