package io.github.milvusmonitored.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for checking what an exporter
 * serves.
 *
 * <pre>{@code
 * TextExposition parsed = TextExposition.parse(body);
 * parsed.value("milvus_build_info", Map.of("version", "v2.6.15", ...));
 * }</pre>
 *
 * <p>Every line must be a {@code # HELP}, {@code # TYPE}, comment, blank or sample line; a family's
 * {@code # TYPE} must come before its samples and at most once; histograms must have cumulative
 * buckets ending in {@code le="+Inf"} equal to {@code _count}. A violation throws with the line
 * number.
 */
public record TextExposition(Map<String, MetricType> types, List<Sample> samples) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\s*(,|(?=}))");
  private static final Pattern VALUE =
      Pattern.compile("(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|NaN|[+-]?Inf)");

  /** One sample line: metric name (with any _bucket/_sum/_count suffix), labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  public TextExposition {
    types = Map.copyOf(types);
    samples = List.copyOf(samples);
  }

  /**
   * Parses and checks an exposition; throws {@link IllegalArgumentException} naming the bad line.
   */
  public static TextExposition parse(String text) {
    Map<String, MetricType> types = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      try {
        if (line.startsWith("# TYPE ")) {
          String[] parts = line.split(" ", 4);
          if (parts.length != 4 || !NAME.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("malformed TYPE line");
          }
          if (types.put(parts[2], MetricType.parse(parts[3])) != null) {
            throw new IllegalArgumentException("second TYPE line for " + parts[2]);
          }
          if (samples.stream().anyMatch(s -> family(s.name(), types).equals(parts[2]))) {
            throw new IllegalArgumentException("TYPE line after samples of " + parts[2]);
          }
        } else if (line.startsWith("# HELP ")) {
          if (!NAME.matcher(line.split(" ", 4)[2]).matches()) {
            throw new IllegalArgumentException("malformed HELP line");
          }
        } else if (!line.isBlank() && !line.startsWith("#")) {
          samples.add(sample(line));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Line "
                + (i + 1)
                + " is not valid text exposition format ("
                + e.getMessage()
                + "): "
                + line,
            e);
      }
    }
    TextExposition exposition = new TextExposition(types, samples);
    exposition.checkHistograms();
    return exposition;
  }

  /** Names of the families that have at least one sample. */
  public List<String> familiesWithSamples() {
    return samples.stream().map(s -> family(s.name(), types)).distinct().toList();
  }

  /** The samples whose name is exactly {@code name}. */
  public List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the sample with exactly these name and labels. */
  public Optional<Double> value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .map(Sample::value)
        .findFirst();
  }

  private static Sample sample(String line) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      throw new IllegalArgumentException("no metric name");
    }
    int pos = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos++;
      Matcher label = LABEL.matcher(line);
      while (pos < line.length() && line.charAt(pos) != '}') {
        if (!label.region(pos, line.length()).lookingAt()) {
          throw new IllegalArgumentException("bad label at column " + (pos + 1));
        }
        if (labels.put(label.group(1), unescape(label.group(2))) != null) {
          throw new IllegalArgumentException("repeated label " + label.group(1));
        }
        pos = label.end();
      }
      if (pos >= line.length()) {
        throw new IllegalArgumentException("unclosed label set");
      }
      pos++;
    }
    String[] rest = line.substring(pos).trim().split(" +");
    if (pos >= line.length()
        || line.charAt(pos) != ' '
        || rest.length < 1
        || rest.length > 2
        || !VALUE.matcher(rest[0]).matches()
        || (rest.length == 2 && !rest[1].matches("-?\\d+"))) {
      throw new IllegalArgumentException(
          "expected ' <value> [<timestamp ms>]' after the name and labels");
    }
    return new Sample(name.group(), labels, parseValue(rest[0]));
  }

  /** Parses a sample value as the format spells it, including NaN, +Inf and -Inf. */
  public static double parseValue(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String unescape(String value) {
    return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static String family(String sampleName, Map<String, MetricType> types) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      String base =
          sampleName.endsWith(suffix)
              ? sampleName.substring(0, sampleName.length() - suffix.length())
              : null;
      if (base != null
          && (types.get(base) == MetricType.HISTOGRAM || types.get(base) == MetricType.SUMMARY)) {
        return base;
      }
    }
    return sampleName;
  }

  private void checkHistograms() {
    types.forEach(
        (family, type) -> {
          if (type != MetricType.HISTOGRAM) {
            return;
          }
          Map<Map<String, String>, List<Sample>> bucketsBySeries = new HashMap<>();
          for (Sample bucket : samples(family + "_bucket")) {
            Map<String, String> series = new HashMap<>(bucket.labels());
            if (series.remove("le") == null) {
              throw new IllegalArgumentException(
                  family + "_bucket sample without le label: " + bucket);
            }
            bucketsBySeries.computeIfAbsent(series, s -> new ArrayList<>()).add(bucket);
          }
          bucketsBySeries.forEach((series, buckets) -> checkSeries(family, series, buckets));
        });
  }

  private void checkSeries(String family, Map<String, String> series, List<Sample> buckets) {
    double previousBound = Double.NEGATIVE_INFINITY;
    double previousCount = 0;
    for (Sample bucket : buckets) {
      double bound = parseValue(bucket.labels().get("le"));
      if (bound <= previousBound || bucket.value() < previousCount) {
        throw new IllegalArgumentException(
            family
                + " buckets of "
                + series
                + " are not in increasing le order with cumulative counts at le="
                + bucket.labels().get("le"));
      }
      previousBound = bound;
      previousCount = bucket.value();
    }
    Optional<Double> count = value(family + "_count", series);
    if (previousBound != Double.POSITIVE_INFINITY
        || count.isEmpty()
        || count.get() != previousCount
        || value(family + "_sum", series).isEmpty()) {
      throw new IllegalArgumentException(
          family
              + " series "
              + series
              + " lacks a le=\"+Inf\" bucket equal to _count, or lacks _count or _sum");
    }
  }
}
