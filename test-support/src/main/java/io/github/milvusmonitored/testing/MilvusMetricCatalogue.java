package io.github.milvusmonitored.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric families Milvus 2.6.15 registers, read from the catalogue resource {@code milvus-metrics-2.6.15.tsv}.
 *
 * <pre>{@code
 * MilvusMetricCatalogue catalogue = MilvusMetricCatalogue.v2_6_15();
 * catalogue.family("milvus_proxy_req_count").orElseThrow().labelNames();
 * }</pre>
 *
 * <p>Columns: name, type, labels, component, go_variable, source_file, appears. The labels column of
 * the C++ knowhere families carries prose ({@code module (knowhere|cardinal); newest knowhere also
 * index_type}); only the label names before the first {@code ;} count, without the parenthesised values.
 */
public final class MilvusMetricCatalogue {

    /** Classpath location of the catalogue. */
    public static final String RESOURCE = "/milvus-metrics-2.6.15.tsv";

    private static volatile MilvusMetricCatalogue shared;

    private final Map<String, MetricFamilySpec> families;

    private MilvusMetricCatalogue(Map<String, MetricFamilySpec> families) {
        this.families = families;
    }

    /** The catalogue of Milvus 2.6.15, loaded once. */
    public static MilvusMetricCatalogue v2_6_15() {
        if (shared == null) {
            try (InputStream in = MilvusMetricCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Classpath resource " + RESOURCE + " is missing from the test jar");
                }
                shared = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
        }
        return shared;
    }

    /** Parses catalogue text (tab-separated, one header line). */
    static MilvusMetricCatalogue parse(String tsv) {
        Map<String, MetricFamilySpec> families = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(tsv))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("name\ttype\tlabels")) {
                throw new IllegalArgumentException("Catalogue header must start with name, type, labels; got: " + header);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 7) {
                    throw new IllegalArgumentException("Catalogue line " + number + " has " + cols.length
                            + " columns, expected 7: " + line);
                }
                if (!MilvusComponents.isKnownCatalogueComponent(cols[3])) {
                    throw new IllegalArgumentException("Catalogue line " + number + " has component '" + cols[3]
                            + "', which no Milvus process is known to expose; place it in MilvusComponents: "
                            + line);
                }
                MetricFamilySpec spec = new MetricFamilySpec(cols[0], MetricType.parse(cols[1]),
                        labelNames(cols[2]), cols[3], cols[6]);
                if (families.put(spec.name(), spec) != null) {
                    throw new IllegalArgumentException("Catalogue line " + number + " repeats family " + spec.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MilvusMetricCatalogue(Map.copyOf(families));
    }

    static List<String> labelNames(String column) {
        String names = column.split(";", 2)[0].replaceAll("\\([^)]*\\)", "").trim();
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("Invalid label name '" + trimmed + "' in labels column: " + column);
            }
            result.add(trimmed);
        }
        return List.copyOf(result);
    }

    /** The family with this name, if Milvus registers it. */
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
     * Names of the families the process of {@code component} exposes at startup, sorted; see
     * {@link MetricFamilySpec#exposedBy(String)}.
     */
    public List<String> startupFamilies(String component) {
        return families.values().stream()
                .filter(f -> f.exposedBy(component) && f.appearsAtStartup())
                .map(MetricFamilySpec::name).sorted().toList();
    }

    @Override
    public String toString() {
        return "MilvusMetricCatalogue[" + families.size() + " families]";
    }
}
