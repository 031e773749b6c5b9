package io.github.milvusmonitored.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a registry with what its Milvus process exposes right after startup: the series listed in
 * {@code milvus-standalone-startup-2.6.15.tsv} of the families that process exposes, and every
 * other unlabelled startup family of that process at 0. The file describes standalone; a cluster
 * process keeps the lines of its own families, and of {@code milvus_num_node} only the line of its
 * own role (each process counts itself; a standalone process runs all five roles).
 */
final class StartupSeries {

  static final String RESOURCE = "/milvus-standalone-startup-2.6.15.tsv";
  private static final String NUM_NODE = "milvus_num_node";

  private StartupSeries() {}

  static void apply(
      ExporterRegistry registry, MilvusMetricCatalogue catalogue, String nodeId, String version) {
    apply(read(), registry, catalogue, nodeId, version);
    for (MetricFamilySpec spec : catalogue.families()) {
      if (spec.exposedBy(registry.component())
          && spec.appearsAtStartup()
          && !registry.exposes(spec.name())) {
        if (!spec.settableLabelNames().isEmpty()) {
          throw new IllegalStateException(
              "Startup family "
                  + spec.name()
                  + " has labels "
                  + spec.labelNames()
                  + " but "
                  + RESOURCE
                  + " lists no series for it");
        }
        registry.touch(spec.name(), Map.of());
      }
    }
  }

  static void apply(
      String text,
      ExporterRegistry registry,
      MilvusMetricCatalogue catalogue,
      String nodeId,
      String version) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols =
          line.replace("{node_id}", nodeId).replace("{version}", version).split("\t", -1);
      if (cols.length != 3) {
        throw ExporterErrors.badStartupLine(i + 1, line, "expected 3 tab-separated columns");
      }
      try {
        MetricFamilySpec spec =
            catalogue.family(cols[0]).orElseThrow(() -> ExporterErrors.unknownFamily(cols[0]));
        Map<String, String> labels = labels(cols[1]);
        if (exposedBy(registry.component(), spec, labels)) {
          applyLine(registry, spec.type(), cols[0], labels, cols[2]);
        }
      } catch (IllegalArgumentException e) {
        throw ExporterErrors.badStartupLine(i + 1, line, e.getMessage());
      }
    }
  }

  private static boolean exposedBy(
      String process, MetricFamilySpec spec, Map<String, String> labels) {
    if (!spec.exposedBy(process)) {
      return false;
    }
    return !spec.name().equals(NUM_NODE)
        || process.equals(MilvusComponents.STANDALONE)
        || process.equals(labels.get("role_name"));
  }

  private static void applyLine(
      ExporterRegistry registry,
      MetricType type,
      String name,
      Map<String, String> labels,
      String value) {
    registry.touch(name, labels);
    if (value.isEmpty()) {
      return;
    }
    for (String text : value.split(",")) {
      double number = Double.parseDouble(text);
      switch (type) {
        case HISTOGRAM -> registry.observe(name, labels, number);
        case GAUGE -> registry.setGauge(name, labels, number);
        case COUNTER -> registry.incrementCounter(name, labels, number);
        case SUMMARY ->
            throw new IllegalArgumentException("summary values are fixed, leave the column empty");
      }
    }
  }

  private static Map<String, String> labels(String column) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (!column.isEmpty()) {
      for (String pair : column.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("label '" + pair + "' is not name=value");
        }
        labels.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return labels;
  }

  private static String read() {
    try (InputStream in = StartupSeries.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Classpath resource " + RESOURCE + " is missing from milvus-monitored-test-support");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
