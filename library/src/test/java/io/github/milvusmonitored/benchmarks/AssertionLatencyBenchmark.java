package io.github.milvusmonitored.benchmarks;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;

import io.github.milvusmonitored.metrics.PrometheusClient;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prints two figures against a real Prometheus scraping the Milvus test exporter:
 *
 * <ol>
 *   <li>how long after the exporter changes a value an {@code eventually} assertion passes, for scrape
 *       intervals of 1 s and 5 s (the interval is the floor: the new value exists in Prometheus only
 *       after the next scrape);
 *   <li>the cost of one instant query through {@link PrometheusClient} next to the same HTTP GET made
 *       raw with the JDK client.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B -q -pl library test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.milvusmonitored.benchmarks.AssertionLatencyBenchmark}. Arguments:
 * {@code [changes per interval, default 40] [query pairs, default 3000]}.
 */
public final class AssertionLatencyBenchmark {

  private static final String GAUGE = "milvus_msg_queue_consumer_num";
  private static final Map<String, String> LABELS = Map.of("role_name", "proxy", "node_id", "42");

  private AssertionLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (Duration interval : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5))) {
      try (PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().withScrapeInterval(interval).build()) {
        env.start();
        env.awaitFirstScrape();
        if (interval.getSeconds() == 1) {
          System.out.println("prometheus: " + env.prometheus().version());
        }
        if (changes > 0) {
          latency(env, interval, changes);
        }
        if (interval.getSeconds() == 1) {
          overhead(env, pairs);
        }
      }
    }
  }

  private static void latency(PrometheusWithMilvusExporter env, Duration interval, int changes) throws Exception {
    PrometheusClient prometheus = PrometheusClient.create(env.prometheus().baseUri());
    String promql = GAUGE + "{node_id=\"42\"}";
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= changes; i++) {
      // A random phase against the scrape schedule, as in a real test.
      Thread.sleep(ThreadLocalRandom.current().nextLong(interval.toMillis()));
      long t0 = System.nanoTime();
      env.exporter().setGauge(GAUGE, LABELS, i);
      assertThatMetric(prometheus, promql).eventually(interval.multipliedBy(3).plusSeconds(5)).isEqualTo(i);
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    double p50 = percentile(millis, 50);
    double p95 = percentile(millis, 95);
    double goal = interval.toMillis() + 250;
    System.out.printf(Locale.ROOT, "eventually latency, scrape interval %ds, %d changes: p50 %.0f ms, p95 %.0f ms,"
        + " max %.0f ms (goal p95 <= %.0f ms: %s)%n", interval.getSeconds(), changes, p50, p95,
        percentile(millis, 100), goal, p95 <= goal ? "met" : "MISSED");
  }

  private static void overhead(PrometheusWithMilvusExporter env, int pairs) throws Exception {
    URI base = env.prometheus().baseUri();
    String promql = "milvus_build_info";
    PrometheusClient client = PrometheusClient.create(base);
    HttpClient raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + (base.toString().endsWith("/") ? "" : "/")
        + "api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10))
        .GET().build();
    for (int i = 0; i < 10000; i++) { // warm-up of both paths: latency keeps falling for thousands of calls
      client.query(promql);
      raw.send(request, HttpResponse.BodyHandlers.ofString());
    }
    // Rounds of alternating pairs; the median of the rounds' overheads resists the machine's noise
    // (the exporter is scraped every second on the same cores).
    int rounds = 5;
    List<Double> overheads = new ArrayList<>();
    List<Double> clientAll = new ArrayList<>();
    List<Double> rawAll = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<Double> clientMicros = new ArrayList<>();
      List<Double> rawMicros = new ArrayList<>();
      for (int i = 0; i < pairs / rounds; i++) {
        boolean clientFirst = i % 2 == 0;
        for (int k = 0; k < 2; k++) {
          long t0 = System.nanoTime();
          if (clientFirst == (k == 0)) {
            client.query(promql);
            clientMicros.add((System.nanoTime() - t0) / 1e3);
          } else {
            raw.send(request, HttpResponse.BodyHandlers.ofString()).body();
            rawMicros.add((System.nanoTime() - t0) / 1e3);
          }
        }
      }
      overheads.add((percentile(clientMicros, 50) - percentile(rawMicros, 50)) / percentile(rawMicros, 50) * 100);
      clientAll.addAll(clientMicros);
      rawAll.addAll(rawMicros);
    }
    double overhead = percentile(overheads, 50);
    System.out.printf(Locale.ROOT, "one instant query, %d pairs in %d rounds: client p50 %.0f us (p95 %.0f), raw HTTP"
        + " p50 %.0f us (p95 %.0f); client overhead, median of rounds %.1f%% (rounds: %s) (goal < 5%%: %s)%n",
        pairs, rounds, percentile(clientAll, 50), percentile(clientAll, 95), percentile(rawAll, 50),
        percentile(rawAll, 95), overhead, overheads.stream().map(o -> String.format(Locale.ROOT, "%.1f", o)).toList(),
        overhead < 5 ? "met" : "MISSED");
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
