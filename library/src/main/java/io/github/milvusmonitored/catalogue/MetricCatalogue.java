package io.github.milvusmonitored.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric families one Milvus release exposes: name, type, labels, component, when each appears.
 *
 * <pre>{@code
 * MetricCatalogue c = MetricCatalogue.forVersion(MilvusVersion.parse("v2.6.19")).catalogue();
 * Optional<String> why = c.absenceReason("milvus_proxy_req_count"); // "... appears only after traffic ..."
 * }</pre>
 *
 * <p>Read from a catalogue resource {@code milvus-metrics-<version>.tsv}: lines starting with
 * {@code #} describe the file, then a header line and one tab-separated line per family with the
 * columns {@code name, type, labels, component, go_variable, source_file, appears} and, optionally,
 * {@code label_values} ({@code status=success|fail;cause=user|system}) and {@code origin} (where
 * the line's facts were read). Families are looked up by the name Prometheus stores, so a
 * histogram's {@code _bucket}, {@code _sum} and {@code _count} series find their family.
 *
 * <p>Catalogues exist for the releases {@link CatalogueCoverage} lists; {@link #forVersion} picks
 * the one for any release and says when it stands in for another.
 */
public final class MetricCatalogue {

  /** The Milvus version of the default catalogue, {@link #milvus()}. */
  public static final String VERSION = "2.6.15";

  /**
   * The "appears" text of a family in a catalogue captured from an exposition: present, when
   * unknown.
   */
  public static final String CAPTURED = "present in the capture";

  private static final String FOLDER = "/io/github/milvusmonitored/metrics/";
  private static final Map<MilvusVersion, MetricCatalogue> LOADED = new ConcurrentHashMap<>();

  /**
   * One family.
   *
   * @param labelValues the values a label takes, for the labels the catalogue enumerates (e.g.
   *     status)
   * @param origin where the facts of this line come from (a tag and file, a pull request, a
   *     recording)
   */
  public record Family(
      String name,
      String type,
      List<String> labels,
      String component,
      String appears,
      Map<String, List<String>> labelValues,
      String origin) {
    public Family {
      labels = List.copyOf(labels);
      labelValues = Map.copyOf(labelValues);
    }
  }

  private final MilvusVersion version;
  private final String resource;
  private final Map<String, Family> families;
  private final List<String> description;

  private MetricCatalogue(
      MilvusVersion version,
      String resource,
      Map<String, Family> families,
      List<String> description) {
    this.version = version;
    this.resource = resource;
    this.families = Collections.unmodifiableMap(families);
    this.description = List.copyOf(description);
  }

  /** The catalogue of Milvus {@value #VERSION}, the default release. */
  public static MetricCatalogue milvus() {
    return of(MilvusVersion.parse(VERSION));
  }

  /** The catalogue of exactly {@code version}; one of {@link CatalogueCoverage#catalogued()}. */
  public static MetricCatalogue of(MilvusVersion version) {
    return LOADED.computeIfAbsent(version, v -> load(FOLDER + "milvus-metrics-" + v + ".tsv", v));
  }

  /**
   * The catalogue that describes {@code version}, with the assumption made when it is another
   * release's.
   */
  public static CatalogueCoverage.Choice forVersion(MilvusVersion version) {
    return CatalogueCoverage.choose(version);
  }

  private static MetricCatalogue load(String resource, MilvusVersion version) {
    try (InputStream in = MetricCatalogue.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(VersionTexts.missingResource(resource));
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, version);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** Parses a catalogue's text; {@code resource} names it in errors. */
  public static MetricCatalogue parse(String tsv, String resource, MilvusVersion version) {
    List<String> description = new ArrayList<>();
    Map<String, Family> families = new LinkedHashMap<>();
    List<String> header = null;
    int lineNumber = 0;
    for (String line : tsv.split("\n", -1)) {
      lineNumber++;
      if (line.startsWith("#")) {
        description.add(line.substring(1).strip());
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (header == null) {
        header = Arrays.asList(cols);
        continue;
      }
      if (cols.length < 7) {
        throw new IllegalStateException(
            VersionTexts.badCatalogueLine(resource, lineNumber, cols.length));
      }
      String values = column(cols, header, "label_values");
      String origin = column(cols, header, "origin");
      families.put(
          cols[0],
          new Family(
              cols[0],
              cols[1].strip(),
              labelNames(cols[2]),
              cols[3].strip(),
              cols[6].strip(),
              labelValues(values),
              origin.isEmpty() ? "v" + version + " " + cols[5].strip() : origin));
    }
    return new MetricCatalogue(version, resource, families, description);
  }

  private static String column(String[] cols, List<String> header, String name) {
    int i = header.indexOf(name);
    return i >= 0 && i < cols.length ? cols[i].strip() : "";
  }

  /**
   * {@code node_id,status} → [node_id, status]; words after a space (notes such as
   * "(knowhere|cardinal)") dropped.
   */
  private static List<String> labelNames(String column) {
    List<String> out = new ArrayList<>();
    for (String part : column.split(",")) {
      String name = part.strip().split("\\s+")[0];
      if (name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        out.add(name);
      }
    }
    return out;
  }

  private static Map<String, List<String>> labelValues(String column) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String part : column.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(
            part.substring(0, eq).strip(),
            List.of(part.substring(eq + 1).strip().split("\\|", -1)));
      }
    }
    return out;
  }

  /** The release this catalogue describes. */
  public MilvusVersion version() {
    return version;
  }

  /** The resource it was read from. */
  public String resource() {
    return resource;
  }

  /**
   * The lines of the file's description (its {@code #} lines): where it comes from, what it leaves
   * out.
   */
  public List<String> description() {
    return description;
  }

  /**
   * Whether the label values were observed in a recording rather than read from source (so possibly
   * incomplete).
   */
  public boolean valuesObserved() {
    return description.stream().anyMatch(l -> l.startsWith("label values: observed"));
  }

  /** Every family, by name. */
  public Map<String, Family> families() {
    return families;
  }

  /**
   * The family {@code metric} belongs to (a series name such as {@code x_bucket} finds {@code x}).
   */
  public Optional<Family> family(String metric) {
    Family found = families.get(metric);
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total"}) {
      if (found == null && metric.endsWith(suffix)) {
        found = families.get(metric.substring(0, metric.length() - suffix.length()));
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The "appears" text of the family {@code metric} belongs to, if it is a Milvus family: the
   * catalogue, not the {@code milvus_} prefix, decides (knowhere's and segcore's families have
   * none).
   */
  public Optional<String> appears(String metric) {
    return family(metric).map(Family::appears);
  }

  /** Whether {@code metric} belongs to a family Milvus exports from startup, before any traffic. */
  public boolean appearsAtStartup(String metric) {
    return appears(metric).filter(a -> a.startsWith("startup")).isPresent();
  }

  /**
   * Which Milvus process or library exports the family {@code metric} belongs to, if it is a Milvus
   * family.
   */
  public Optional<String> component(String metric) {
    return family(metric).map(Family::component);
  }

  /**
   * Why {@code metric} may be absent though Milvus runs, or empty when it should be there from
   * startup.
   */
  public Optional<String> absenceReason(String metric) {
    return appears(metric)
        .flatMap(
            a -> {
              if (a.startsWith("after first observation")) {
                String when =
                    a.substring("after first observation".length()).replaceFirst("^[:\\s]+", "");
                return Optional.of(
                    metric
                        + " appears only after traffic ("
                        + (when.isEmpty() ? "after its first observation" : when)
                        + "), per the Milvus "
                        + version
                        + " metric catalogue");
              }
              if (a.startsWith("never")) {
                return Optional.of(
                    metric
                        + " is never exported by Milvus "
                        + version
                        + " ("
                        + a.substring(5).replaceFirst("^[:\\s]+", "")
                        + "), per its metric catalogue");
              }
              if (a.startsWith(CAPTURED) && !version.equals(MilvusVersion.parse(VERSION))) {
                // A captured catalogue knows that the family exists, not when it appears: the
                // curated one tells.
                return milvus()
                    .appears(metric)
                    .filter(curated -> curated.startsWith("after first observation"))
                    .flatMap(curated -> milvus().absenceReason(metric))
                    .map(
                        r ->
                            r
                                + "; the Milvus "
                                + version
                                + " catalogue, captured after traffic, lists it too");
              }
              return Optional.empty();
            });
  }
}
