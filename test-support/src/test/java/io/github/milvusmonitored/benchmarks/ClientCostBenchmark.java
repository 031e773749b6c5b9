package io.github.milvusmonitored.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the cost of one instant query through {@link PrometheusClient} next to two baselines
 * against the same real Prometheus: the HTTP GET made raw with the JDK client (no parsing), and the
 * raw GET plus what any client must do with the answer, Jackson reading the JSON and each sample's
 * labels and value.
 *
 * <p>After a warm-up of each path, rounds of interleaved triples (the order rotates); per round the
 * overhead of the client's median over each baseline's median; the figure is the median of the
 * rounds.
 *
 * <p>Run: {@code ./mvnw -B -q -pl test-support -am install -DskipTests -Dinvoker.skip=true}, then
 * {@code ./mvnw -B -q -pl test-support exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.milvusmonitored.benchmarks.ClientCostBenchmark -Dexec.args="5000"}
 * (argument: query triples, default 5000).
 */
public final class ClientCostBenchmark {

  private static final String PROMQL = "milvus_build_info";
  private static final int WARM_UP = 10_000;
  private static final int ROUNDS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int triples = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    try (PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().build()) {
      env.start();
      env.awaitFirstScrape();
      System.out.println("prometheus: " + env.prometheus().version());
      measure(env.prometheus().baseUri(), triples);
    }
  }

  private static void measure(URI base, int triples) throws Exception {
    PrometheusClient client = PrometheusClient.create(base);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + (base.toString().endsWith("/") ? "" : "/")
                        + "api/v1/query?query="
                        + URLEncoder.encode(PROMQL, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json")
            .GET()
            .build();
    List<Path> paths =
        List.of(
            new Path("client", () -> client.query(PROMQL).size()),
            new Path(
                "raw GET",
                () -> http.send(request, HttpResponse.BodyHandlers.ofString()).body().length()),
            new Path(
                "raw GET + Jackson",
                () -> parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body())));
    if (client.query(PROMQL).size() != 1 || (int) paths.get(2).call.run() != 1) {
      throw new IllegalStateException("expected one series of " + PROMQL);
    }
    for (int i = 0; i < WARM_UP; i++) { // latency keeps falling for thousands of calls
      for (Path p : paths) {
        p.call.run();
      }
    }
    List<Double> overRaw = new ArrayList<>();
    List<Double> overParsed = new ArrayList<>();
    Map<String, List<Double>> all = new HashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      Map<String, List<Double>> micros = new HashMap<>();
      for (int i = 0; i < triples / ROUNDS; i++) {
        for (int k = 0; k < paths.size(); k++) {
          Path p = paths.get((i + k) % paths.size());
          long t0 = System.nanoTime();
          p.call.run();
          micros
              .computeIfAbsent(p.name, n -> new ArrayList<>())
              .add((System.nanoTime() - t0) / 1e3);
        }
      }
      double c = percentile(micros.get("client"), 50);
      double raw = percentile(micros.get("raw GET"), 50);
      double parsed = percentile(micros.get("raw GET + Jackson"), 50);
      overRaw.add((c - raw) / raw * 100);
      overParsed.add((c - parsed) / parsed * 100);
      micros.forEach((n, v) -> all.computeIfAbsent(n, x -> new ArrayList<>()).addAll(v));
    }
    for (Path p : paths) {
      System.out.printf(
          Locale.ROOT,
          "%-18s p50 %.0f us, p95 %.0f us%n",
          p.name,
          percentile(all.get(p.name), 50),
          percentile(all.get(p.name), 95));
    }
    inProcess(http, request, triples);
    double vsRaw = percentile(overRaw, 50);
    double vsParsed = percentile(overParsed, 50);
    System.out.printf(
        Locale.ROOT,
        "%d triples in %d rounds: client over raw GET %.1f%% (rounds: %s); client over"
            + " raw GET + Jackson %.1f%% (rounds: %s) (goal <= 5%% over raw GET + Jackson: %s)%n",
        triples,
        ROUNDS,
        vsRaw,
        text(overRaw),
        vsParsed,
        text(overParsed),
        vsParsed <= 5 ? "met" : "MISSED");
  }

  /**
   * The same two kinds of work without HTTP: the client over a transport that hands back one
   * recorded answer, next to Jackson reading that answer. What separates them is the library's own
   * cost per query, free of the network and of the server, which on a shared machine vary more from
   * call to call than that cost.
   */
  private static void inProcess(HttpClient http, HttpRequest request, int calls) throws Exception {
    HttpResponse<String> recorded = http.send(request, HttpResponse.BodyHandlers.ofString());
    PrometheusTransport.PrometheusResponse answer =
        new PrometheusTransport.PrometheusResponse(
            recorded.statusCode(),
            recorded.headers().firstValue("Content-Type").orElse(""),
            recorded.body());
    PrometheusClient canned =
        PrometheusClient.builder(
                new PrometheusTransport() {
                  @Override
                  public PrometheusTransport.PrometheusResponse get(
                      String path, PrometheusTransport.QueryParameters query, Duration timeout) {
                    // What the JDK transport does before it sends: the URI and the request.
                    HttpRequest.newBuilder(
                            URI.create(request.uri().resolve("/") + path + "?" + query.encoded()))
                        .timeout(timeout)
                        .GET()
                        .header("Accept", "application/json")
                        .build();
                    return answer;
                  }

                  @Override
                  public URI baseUri() {
                    return request.uri();
                  }
                })
            .build();
    List<Path> paths =
        List.of(
            new Path("client, no HTTP", () -> canned.query(PROMQL).size()),
            new Path("Jackson, no HTTP", () -> parse(answer.body())));
    for (int i = 0; i < WARM_UP * 5; i++) {
      for (Path p : paths) {
        p.call.run();
      }
    }
    Map<String, List<Double>> micros = new HashMap<>();
    for (int i = 0; i < calls * 5; i++) {
      for (int k = 0; k < paths.size(); k++) {
        Path p = paths.get((i + k) % paths.size());
        long t0 = System.nanoTime();
        p.call.run();
        micros.computeIfAbsent(p.name, n -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e3);
      }
    }
    double client = percentile(micros.get("client, no HTTP"), 50);
    double jackson = percentile(micros.get("Jackson, no HTTP"), 50);
    System.out.printf(
        Locale.ROOT,
        "without HTTP (%d calls each, %d-byte answer): client p50 %.1f us, Jackson p50"
            + " %.1f us: the client's own work is %.1f us per query more than parsing%n",
        calls * 5,
        answer.body().length(),
        client,
        jackson,
        client - jackson);
  }

  /** What any client does with the answer: the JSON tree, then each sample's labels and value. */
  private static int parse(String body) throws Exception {
    JsonNode result = JSON.readTree(body).path("data").path("result");
    int n = 0;
    for (JsonNode sample : result) {
      Map<String, String> labels = new HashMap<>();
      sample
          .path("metric")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      double value = Double.parseDouble(sample.path("value").get(1).asText());
      if (!labels.isEmpty() && !Double.isNaN(value)) {
        n++;
      }
    }
    return n;
  }

  private static String text(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private interface Call {
    Object run() throws Exception;
  }

  private record Path(String name, Call call) {}
}
