package io.github.milvusmonitored.testing;

import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric families Milvus 2.6.15 registers, as the test exporter needs them: the library's
 * catalogue of that release (one file, one parser), each family typed and placed on the Milvus
 * processes that expose it.
 *
 * <pre>{@code
 * MilvusMetricCatalogue catalogue = MilvusMetricCatalogue.v2_6_15();
 * catalogue.family("milvus_proxy_req_count").orElseThrow().labelNames();
 * }</pre>
 *
 * <p>Every family's component must be one {@link MilvusComponents} places, and its type one of
 * {@link MetricType}: a catalogue with anything else fails to load instead of leaving a family out
 * of every process.
 */
public final class MilvusMetricCatalogue {

  /** Classpath location of the catalogue: the library's resource. */
  public static final String RESOURCE =
      "/io/github/milvusmonitored/metrics/milvus-metrics-" + MetricCatalogue.VERSION + ".tsv";

  private static volatile MilvusMetricCatalogue shared;

  private final Map<String, MetricFamilySpec> families;

  private MilvusMetricCatalogue(Map<String, MetricFamilySpec> families) {
    this.families = families;
  }

  /** The catalogue of Milvus 2.6.15, loaded once. */
  public static MilvusMetricCatalogue v2_6_15() {
    if (shared == null) {
      shared = of(MetricCatalogue.milvus());
    }
    return shared;
  }

  /** Parses catalogue text (tab-separated, one header line) with the library's parser. */
  static MilvusMetricCatalogue parse(String tsv) {
    return of(MetricCatalogue.parse(tsv, "<text>", MilvusVersion.parse(MetricCatalogue.VERSION)));
  }

  private static MilvusMetricCatalogue of(MetricCatalogue catalogue) {
    Map<String, MetricFamilySpec> families = new LinkedHashMap<>();
    for (MetricCatalogue.Family family : catalogue.families().values()) {
      if (!MilvusComponents.isKnownCatalogueComponent(family.component())) {
        throw new IllegalArgumentException(
            "Catalogue "
                + catalogue.resource()
                + " family "
                + family.name()
                + " has component '"
                + family.component()
                + "', which no Milvus process is known to expose;"
                + " place it in MilvusComponents");
      }
      families.put(
          family.name(),
          new MetricFamilySpec(
              family.name(),
              MetricType.parse(family.type()),
              family.labels(),
              family.component(),
              family.appears()));
    }
    return new MilvusMetricCatalogue(Map.copyOf(families));
  }

  /** The family with exactly this name, if Milvus registers it. */
  public Optional<MetricFamilySpec> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  /** Every family, in no particular order. */
  public Collection<MetricFamilySpec> families() {
    return families.values();
  }

  /** Names of the families a standalone process exposes at startup, sorted. */
  public List<String> standaloneStartupFamilies() {
    return startupFamilies(MilvusComponents.STANDALONE);
  }

  /**
   * Names of the families the process of {@code component} exposes at startup, sorted; see {@link
   * MetricFamilySpec#exposedBy(String)}.
   */
  public List<String> startupFamilies(String component) {
    return families.values().stream()
        .filter(f -> f.exposedBy(component) && f.appearsAtStartup())
        .map(MetricFamilySpec::name)
        .sorted()
        .toList();
  }

  @Override
  public String toString() {
    return "MilvusMetricCatalogue[" + families.size() + " families]";
  }
}
