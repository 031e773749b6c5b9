package io.github.milvusmonitored.metrics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each Milvus 2.6.15 metric family appears, from the catalogue resource
 * {@code milvus-metrics-2.6.15.tsv} (name, type, labels, component, go_variable, source_file, appears),
 * which was read from Milvus's source. Families are looked up by the name Prometheus stores, so a
 * histogram's {@code _bucket}, {@code _sum} and {@code _count} series find their family.
 */
public final class MetricCatalogue {

  /** The Milvus version the catalogue describes. */
  public static final String VERSION = "2.6.15";
  private static final String RESOURCE = "/io/github/milvusmonitored/metrics/milvus-metrics-2.6.15.tsv";
  private static volatile MetricCatalogue shared;

  private final Map<String, String> appears;
  private final Map<String, String> components;

  private MetricCatalogue(Map<String, String> appears, Map<String, String> components) {
    this.appears = Map.copyOf(appears);
    this.components = Map.copyOf(components);
  }

  public static MetricCatalogue milvus() {
    if (shared == null) {
      try (InputStream in = MetricCatalogue.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Resource " + RESOURCE + " is missing from the milvus-monitored jar");
        }
        shared = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + RESOURCE, e);
      }
    }
    return shared;
  }

  static MetricCatalogue parse(String tsv) {
    Map<String, String> appears = new HashMap<>();
    Map<String, String> components = new HashMap<>();
    tsv.lines().skip(1).filter(l -> !l.isBlank()).forEach(line -> {
      String[] cols = line.split("\t", -1);
      if (cols.length >= 7) {
        appears.put(cols[0], cols[6].strip());
        components.put(cols[0], cols[3].strip());
      }
    });
    return new MetricCatalogue(appears, components);
  }

  /**
   * The "appears" text of the family {@code metric} belongs to, if it is a Milvus family: the catalogue,
   * not the {@code milvus_} prefix, decides (knowhere's and segcore's families have none).
   */
  public Optional<String> appears(String metric) {
    return lookUp(appears, metric);
  }

  /** Whether {@code metric} belongs to a family Milvus exports from startup, before any traffic. */
  public boolean appearsAtStartup(String metric) {
    return appears(metric).filter(a -> a.startsWith("startup")).isPresent();
  }

  /** Which Milvus process or library exports the family {@code metric} belongs to, if it is a Milvus family. */
  public Optional<String> component(String metric) {
    return lookUp(components, metric);
  }

  private static Optional<String> lookUp(Map<String, String> column, String metric) {
    String found = column.get(metric);
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total"}) {
      if (found == null && metric.endsWith(suffix)) {
        found = column.get(metric.substring(0, metric.length() - suffix.length()));
      }
    }
    return Optional.ofNullable(found);
  }

  /** Why {@code metric} may be absent though Milvus runs, or empty when it should be there from startup. */
  public Optional<String> absenceReason(String metric) {
    return appears(metric).flatMap(a -> {
      if (a.startsWith("after first observation")) {
        String when = a.substring("after first observation".length()).replaceFirst("^[:\\s]+", "");
        return Optional.of(metric + " appears only after traffic (" + (when.isEmpty() ? "after its first observation" : when)
            + "), per the Milvus " + VERSION + " metric catalogue");
      }
      if (a.startsWith("never")) {
        return Optional.of(metric + " is never exported by Milvus " + VERSION + " (" + a.substring(5).replaceFirst("^[:\\s]+", "")
            + "), per its metric catalogue");
      }
      return Optional.empty();
    });
  }
}
