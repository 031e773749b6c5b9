package io.github.milvusmonitored.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.DashboardAuditor;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.testing.MetricFamilySpec;
import io.github.milvusmonitored.testing.MetricType;
import io.github.milvusmonitored.testing.MilvusMetricCatalogue;
import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints how long the dashboard audit takes for a dashboard of about 300 queries (20 rows of 5
 * panels with 3 targets each, over every Milvus 2.6.15 metric family, with the variables of
 * Milvus's own dashboard) against a real Prometheus scraping the Milvus test exporter.
 *
 * <p>Run: {@code ./mvnw -B -q -pl test-support -am install -DskipTests -Dinvoker.skip=true}, then
 * {@code ./mvnw -B -q -pl test-support exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.milvusmonitored.benchmarks.DashboardAuditBenchmark}. Arguments: {@code
 * [rows, default 20] [runs, default 3] [window minutes, default 60]}.
 */
public final class DashboardAuditBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECTOR =
      "namespace=\"$namespace\", app_kubernetes_io_instance=~\"$instance\","
          + " app_kubernetes_io_name=\"$app_name\"";

  private DashboardAuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Duration window = Duration.ofMinutes(args.length > 2 ? Integer.parseInt(args[2]) : 60);
    GrafanaDashboard dashboard =
        GrafanaDashboard.parse(dashboard(rows), "generated benchmark dashboard");
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "dashboard: %d panels, %d queries, window %d min%n",
        dashboard.panels().size(),
        dashboard.queryCount(),
        window.toMinutes());
    try (PrometheusWithMilvusExporter env = PrometheusWithMilvusExporter.builder().build()) {
      env.start();
      env.awaitFirstScrape();
      env.exporter()
          .traffic()
          .insert("books", 100)
          .search("books", Duration.ofMillis(12))
          .query("books", Duration.ofMillis(3));
      Thread.sleep(3_000);
      System.out.println("prometheus: " + env.prometheus().version());
      PrometheusClient prometheus = PrometheusClient.create(env.prometheus().baseUri());
      for (int threads : List.of(4, 1)) {
        DashboardAuditor auditor =
            DashboardAuditor.create(prometheus, MilvusSelector.of("milvus", "my-release"))
                .withTimeRange(window)
                .withParallelism(threads);
        for (int run = 1; run <= runs; run++) {
          DashboardAudit audit = auditor.audit(dashboard);
          System.out.printf(
              Locale.ROOT,
              "parallelism %d, run %d: %.2f s  (%d DATA, %d NO_DATA, %d UNKNOWN_METRIC,"
                  + " %d ERROR panels)%n",
              threads,
              run,
              audit.took().toMillis() / 1000.0,
              audit.count(QueryState.DATA),
              audit.count(QueryState.NO_DATA),
              audit.count(QueryState.UNKNOWN_METRIC),
              audit.count(QueryState.ERROR));
        }
      }
    }
  }

  /** A dashboard of {@code rows} rows x 5 panels x 3 targets over the catalogue's families. */
  static String dashboard(int rows) {
    List<MetricFamilySpec> families =
        MilvusMetricCatalogue.v2_6_15().families().stream()
            .sorted(Comparator.comparing(MetricFamilySpec::name))
            .toList();
    ObjectNode root = JSON.createObjectNode().put("title", "Benchmark").put("schemaVersion", 39);
    ArrayNode panels = root.putArray("panels");
    int f = 0;
    int id = 0;
    for (int r = 0; r < rows; r++) {
      panels
          .addObject()
          .put("type", "row")
          .put("title", "Row " + r)
          .put("id", ++id)
          .put("collapsed", false);
      for (int p = 0; p < 5; p++) {
        ObjectNode panel =
            panels
                .addObject()
                .put("type", p % 2 == 0 ? "timeseries" : "graph")
                .put("title", "Panel " + r + "." + p)
                .put("id", ++id);
        panel.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
        ArrayNode targets = panel.putArray("targets");
        for (int t = 0; t < 3; t++) {
          MetricFamilySpec family = families.get(f++ % families.size());
          targets
              .addObject()
              .put("refId", String.valueOf((char) ('A' + t)))
              .put("expr", expression(family, t));
        }
      }
    }
    ArrayNode variables = root.putObject("templating").putArray("list");
    variables
        .addObject()
        .put("name", "datasource")
        .put("type", "datasource")
        .put("query", "prometheus");
    variables.addObject().put("name", "app_name").put("type", "textbox").put("query", "milvus");
    variables
        .addObject()
        .put("name", "namespace")
        .put("type", "query")
        .put("query", "label_values(milvus_build_info, namespace)");
    variables
        .addObject()
        .put("name", "instance")
        .put("type", "query")
        .put("includeAll", true)
        .put(
            "query",
            "label_values(milvus_build_info{namespace=\"$namespace\"}, app_kubernetes_io_instance)");
    return root.toString();
  }

  private static String expression(MetricFamilySpec family, int variant) {
    String name = family.name();
    if (family.type() == MetricType.HISTOGRAM) {
      return "histogram_quantile(0.99, sum by (le, pod) (rate("
          + name
          + "_bucket{"
          + SELECTOR
          + "}[$__rate_interval])))";
    }
    if (family.type() == MetricType.COUNTER) {
      return "sum(rate(" + name + "{" + SELECTOR + "}[$__rate_interval])) by (pod)";
    }
    return variant == 2
        ? "max(" + name + "{" + SELECTOR + "}) by (pod)"
        : "sum(" + name + "{" + SELECTOR + "})";
  }
}
