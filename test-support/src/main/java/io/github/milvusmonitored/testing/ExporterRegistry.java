package io.github.milvusmonitored.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The families and series the test exporter currently exposes, validated against the Milvus
 * catalogue and the process the exporter stands for. Every method is synchronized: traffic threads
 * update while the HTTP server renders.
 */
final class ExporterRegistry {

  private static final Comparator<List<String>> BY_LABEL_VALUES =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  private final MilvusMetricCatalogue catalogue;
  private final String component;
  private final Map<String, TreeMap<List<String>, ExporterSeries>> families = new TreeMap<>();

  /**
   * The registry of the Milvus process of {@code component}; it refuses families that process does
   * not expose.
   */
  ExporterRegistry(MilvusMetricCatalogue catalogue, String component) {
    this.catalogue = catalogue;
    this.component = MilvusComponents.require(component);
  }

  String component() {
    return component;
  }

  synchronized void setGauge(String name, Map<String, String> labels, double value) {
    MetricFamilySpec spec = checked(name, labels, MetricType.GAUGE, "setGauge(..)");
    ((ExporterSeries.Scalar) series(spec, labels)).value = value;
  }

  synchronized void incrementCounter(String name, Map<String, String> labels, double amount) {
    MetricFamilySpec spec = checked(name, labels, MetricType.COUNTER, "incrementCounter(..)");
    if (amount < 0 || Double.isNaN(amount)) {
      throw ExporterErrors.negativeIncrement(name, amount);
    }
    ((ExporterSeries.Scalar) series(spec, labels)).value += amount;
  }

  synchronized void observe(String name, Map<String, String> labels, double value) {
    MetricFamilySpec spec = checked(name, labels, MetricType.HISTOGRAM, "observe(..)");
    ((ExporterSeries.Histogram) series(spec, labels)).observe(value);
  }

  /**
   * Creates the series if absent, without changing its value: a pre-created child exposed with 0.
   */
  synchronized void touch(String name, Map<String, String> labels) {
    MetricFamilySpec spec = known(name);
    checkLabels(spec, labels);
    series(spec, labels);
  }

  synchronized boolean exposes(String name) {
    return families.containsKey(name);
  }

  /**
   * Hands each exposed family, with its series in label order, to the consumer while holding the
   * lock.
   */
  synchronized void forEachFamily(Consumer<Family> consumer) {
    families.forEach((name, series) -> consumer.accept(new Family(known(name), series)));
  }

  /**
   * One exposed family as the writer sees it; label values follow {@link
   * MetricFamilySpec#settableLabelNames()}.
   */
  record Family(MetricFamilySpec spec, Map<List<String>, ExporterSeries> series) {}

  private MetricFamilySpec checked(
      String name, Map<String, String> labels, MetricType type, String operation) {
    MetricFamilySpec spec = known(name);
    if (spec.type() != type) {
      throw ExporterErrors.wrongType(spec, operation);
    }
    checkLabels(spec, labels);
    return spec;
  }

  private MetricFamilySpec known(String name) {
    MetricFamilySpec spec =
        catalogue.family(name).orElseThrow(() -> ExporterErrors.unknownFamily(name));
    if (spec.neverAppears()) {
      throw ExporterErrors.neverExposed(spec);
    }
    if (!spec.exposedBy(component)) {
      throw spec.exposedByStandalone()
          ? ExporterErrors.notInComponent(spec, component)
          : ExporterErrors.notInStandalone(spec);
    }
    return spec;
  }

  private static void checkLabels(MetricFamilySpec spec, Map<String, String> labels) {
    if (!new HashSet<>(spec.settableLabelNames()).equals(labels.keySet())) {
      throw ExporterErrors.wrongLabels(spec, labels.keySet());
    }
  }

  private ExporterSeries series(MetricFamilySpec spec, Map<String, String> labels) {
    List<String> values = new ArrayList<>();
    for (String labelName : spec.settableLabelNames()) {
      values.add(labels.get(labelName));
    }
    return families
        .computeIfAbsent(spec.name(), n -> new TreeMap<>(BY_LABEL_VALUES))
        .computeIfAbsent(List.copyOf(values), v -> ExporterSeries.create(spec));
  }
}
