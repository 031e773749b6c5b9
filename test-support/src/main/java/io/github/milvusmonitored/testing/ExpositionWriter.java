package io.github.milvusmonitored.testing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the exporter's registry in the Prometheus text exposition format 0.0.4. */
final class ExpositionWriter {

  /**
   * The Content-Type Prometheus expects for this format (Prometheus 3 refuses a scrape without
   * one).
   */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private ExpositionWriter() {}

  static String write(ExporterRegistry registry) {
    StringBuilder out = new StringBuilder(64 * 1024);
    registry.forEachFamily(family -> writeFamily(out, family));
    return out.toString();
  }

  private static void writeFamily(StringBuilder out, ExporterRegistry.Family family) {
    MetricFamilySpec spec = family.spec();
    String name = spec.name();
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help(spec))).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(spec.type().exposedName()).append('\n');
    List<String> labelNames = spec.settableLabelNames();
    family
        .series()
        .forEach(
            (values, series) -> {
              Map<String, String> labels = new LinkedHashMap<>();
              for (int i = 0; i < labelNames.size(); i++) {
                labels.put(labelNames.get(i), values.get(i));
              }
              if (series instanceof ExporterSeries.Scalar scalar) {
                sample(out, name, labels, null, null, scalar.value);
              } else if (series instanceof ExporterSeries.Histogram histogram) {
                long cumulative = 0;
                for (int i = 0; i < histogram.upperBounds.length; i++) {
                  cumulative += histogram.bucketCounts[i];
                  sample(
                      out,
                      name + "_bucket",
                      labels,
                      "le",
                      formatValue(histogram.upperBounds[i]),
                      cumulative);
                }
                sample(out, name + "_bucket", labels, "le", "+Inf", histogram.count);
                sample(out, name + "_sum", labels, null, null, histogram.sum);
                sample(out, name + "_count", labels, null, null, histogram.count);
              } else if (series instanceof ExporterSeries.Summary summary) {
                new TreeMap<>(summary.quantiles)
                    .forEach(
                        (quantile, value) ->
                            sample(out, name, labels, "quantile", formatValue(quantile), value));
                sample(out, name + "_sum", labels, null, null, summary.sum);
                sample(out, name + "_count", labels, null, null, summary.count);
              }
            });
  }

  private static void sample(
      StringBuilder out,
      String name,
      Map<String, String> labels,
      String extraName,
      String extraValue,
      double value) {
    out.append(name);
    if (!labels.isEmpty() || extraName != null) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, String> label : labels.entrySet()) {
        out.append(separator)
            .append(label.getKey())
            .append("=\"")
            .append(escapeLabel(label.getValue()))
            .append('"');
        separator = ",";
      }
      if (extraName != null) {
        out.append(separator).append(extraName).append("=\"").append(extraValue).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(formatValue(value)).append('\n');
  }

  /**
   * Formats a sample value the way Prometheus's text format spells it: NaN, +Inf, -Inf, plain
   * decimals.
   */
  static String formatValue(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String help(MetricFamilySpec spec) {
    return spec.type().exposedName() + " " + spec.name() + " registered by " + spec.component();
  }
}
