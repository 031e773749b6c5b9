package io.github.milvusmonitored.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the metric catalogue of a Milvus release from one of its {@code /metrics} expositions.
 *
 * <pre>{@code
 * String tsv = CatalogueCapture.capture(exposition, MilvusVersion.parse("v2.3.5"), "http://milvus:9091/metrics");
 * }</pre>
 *
 * <p>The exposition (Prometheus text format) becomes a catalogue in the format {@link
 * MetricCatalogue} reads: one line per Milvus family ({@code milvus_*}, {@code knowhere_*}, {@code
 * internal_*}, {@code segcore_*}) with its type and the labels its series carry. The values of the
 * labels listed in {@link #ENUMERATED} are recorded as observed, so they may be incomplete: the
 * file says so. The command line runs it as {@code capture-catalogue}.
 */
public final class CatalogueCapture {

  /** The labels whose values are recorded: those queries match on by value. */
  public static final List<String> ENUMERATED = List.of("status", "cause", "query_type");

  private static final Set<String> PER_SAMPLE = Set.of("le", "quantile");
  private static final List<String> MILVUS_PREFIXES =
      List.of("milvus_", "knowhere_", "internal_", "segcore_");

  private CatalogueCapture() {}

  /**
   * The catalogue text of {@code exposition}.
   *
   * @param version the Milvus release that produced the exposition
   * @param source where the exposition came from (a URL or a file name), written into every line's
   *     origin
   */
  public static String capture(String exposition, MilvusVersion version, String source) {
    Map<String, String> types = new TreeMap<>();
    Map<String, Set<String>> labels = new LinkedHashMap<>();
    Map<String, Map<String, Set<String>>> values = new LinkedHashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).strip().split("\\s+");
        if (parts.length == 2 && isMilvus(parts[0])) {
          types.put(parts[0], parts[1]);
        }
      }
    }
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String series =
          brace > 0 && (space < 0 || brace < space)
              ? line.substring(0, brace)
              : line.substring(0, Math.max(0, space));
      String family = familyOf(series, types);
      if (family == null) {
        continue;
      }
      Set<String> names = labels.computeIfAbsent(family, f -> new LinkedHashSet<>());
      if (brace > 0 && (space < 0 || brace < space)) {
        parseLabels(line.substring(brace + 1, line.lastIndexOf('}')))
            .forEach(
                (name, value) -> {
                  if (!PER_SAMPLE.contains(name)) {
                    names.add(name);
                    if (ENUMERATED.contains(name)) {
                      values
                          .computeIfAbsent(family, f -> new LinkedHashMap<>())
                          .computeIfAbsent(name, n -> new TreeSet<>())
                          .add(value);
                    }
                  }
                });
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Milvus ")
        .append(version)
        .append(" metric catalogue, captured from ")
        .append(source)
        .append(" by the capture-catalogue command of milvus-monitored.\n")
        .append(
            "# Families are those the exposition holds: a family Milvus exports only after traffic the recording did\n")
        .append("# not cause is missing. Types and labels are as exposed.\n")
        .append("# label values: observed (")
        .append(String.join(", ", ENUMERATED))
        .append("), so a value the traffic did not cause is missing.\n")
        .append(
            "name\ttype\tlabels\tcomponent\tgo_variable\tsource_file\tappears\tlabel_values\torigin\n");
    types.forEach(
        (family, type) -> {
          Set<String> names = labels.getOrDefault(family, Set.of());
          List<String> enumerated = new ArrayList<>();
          values
              .getOrDefault(family, Map.of())
              .forEach((n, v) -> enumerated.add(n + "=" + String.join("|", v)));
          out.append(family)
              .append('\t')
              .append(type)
              .append('\t')
              .append(String.join(",", names))
              .append('\t')
              .append(component(family))
              .append("\t\t\t")
              .append(MetricCatalogue.CAPTURED)
              .append('\t')
              .append(String.join(";", enumerated))
              .append('\t')
              .append("captured from ")
              .append(source)
              .append('\n');
        });
    return out.toString();
  }

  private static boolean isMilvus(String name) {
    return MILVUS_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static String familyOf(String series, Map<String, String> types) {
    if (types.containsKey(series)) {
      return series;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total", "_created"}) {
      if (series.endsWith(suffix)
          && types.containsKey(series.substring(0, series.length() - suffix.length()))) {
        return series.substring(0, series.length() - suffix.length());
      }
    }
    return null;
  }

  /**
   * {@code milvus_proxy_req_count} → proxy; knowhere's, segcore's and storage's families name their
   * library.
   */
  private static String component(String family) {
    if (family.startsWith("milvus_")) {
      String rest = family.substring(7);
      return rest.contains("_") ? rest.substring(0, rest.indexOf('_')) : rest;
    }
    return family.substring(0, family.indexOf('_')) + " C++ (no milvus_ prefix)";
  }

  private static Map<String, String> parseLabels(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().replaceFirst("^,", "").strip();
      int j = eq + 2;
      StringBuilder value = new StringBuilder();
      while (j < text.length() && text.charAt(j) != '"') {
        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
          j++;
        }
        value.append(text.charAt(j));
        j++;
      }
      out.put(name, value.toString());
      i = j + 1;
    }
    return out;
  }
}
