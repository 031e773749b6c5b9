package io.github.milvusmonitored.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.milvusmonitored.stack.internal.RuleFileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A user's alerting and recording rules, read from a Prometheus rule file ({@code groups: ...}) or
 * a PrometheusRule manifest, checked before anything is applied.
 *
 * <pre>{@code
 * PrometheusRuleFile rules = PrometheusRuleFile.read(Path.of("src/test/resources/milvus-alerts.yaml"));
 * rules.alertNames();   // [MilvusSearchFailing]
 * }</pre>
 *
 * @see io.github.milvusmonitored.environment.MonitoredEnvironment#applyRules(Path)
 */
public final class PrometheusRuleFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String source;
  private final String name;
  private final Map<String, String> labels;
  private final List<Map<String, Object>> groups;

  private PrometheusRuleFile(
      String source, String name, Map<String, String> labels, List<Map<String, Object>> groups) {
    this.source = source;
    this.name = name;
    this.labels = Map.copyOf(labels);
    this.groups = List.copyOf(groups);
  }

  /** Reads and checks {@code file}. */
  public static PrometheusRuleFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new RuleFileException(RuleFileErrors.unreadable(file, e), e);
    }
    String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    return parse(text, file.toString(), "milvus-monitored-" + base);
  }

  /**
   * Checks {@code yaml}; a rule file without a PrometheusRule's {@code metadata.name} gets {@code
   * defaultName}.
   *
   * @param source where it came from, for messages
   */
  @SuppressWarnings("unchecked")
  public static PrometheusRuleFile parse(String yaml, String source, String defaultName) {
    Object tree;
    try {
      tree = yaml.isBlank() ? null : YAML.readValue(yaml, Object.class);
    } catch (JsonProcessingException e) {
      throw new RuleFileException(RuleFileErrors.notYaml(source, e.getOriginalMessage()), e);
    }
    if (!(tree instanceof Map<?, ?> top)) {
      throw new RuleFileException(
          RuleFileErrors.notRuleGroups(
              source, tree == null ? "an empty document" : "a " + kindOf(tree)));
    }
    String name = defaultName;
    Map<String, String> labels = new LinkedHashMap<>();
    Object groups = top.get("groups");
    if ("PrometheusRule".equals(top.get("kind"))) {
      Map<String, Object> metadata =
          top.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      if (metadata.get("name") instanceof String n && !n.isBlank()) {
        name = n;
      }
      if (metadata.get("labels") instanceof Map<?, ?> l) {
        l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
      }
      groups = top.get("spec") instanceof Map<?, ?> spec ? spec.get("groups") : null;
    }
    return new PrometheusRuleFile(
        source, kubernetesName(name), labels, checkGroups(source, groups));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> checkGroups(String source, Object groups) {
    if (!(groups instanceof List<?> list) || list.isEmpty()) {
      throw new RuleFileException(
          RuleFileErrors.notRuleGroups(
              source, groups == null ? "no 'groups' list" : "'groups' as " + kindOf(groups)));
    }
    Set<String> names = new HashSet<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> group)
          || !(group.get("name") instanceof String name)
          || name.isBlank()) {
        throw new RuleFileException(RuleFileErrors.badGroup(source, i, "has no name"));
      }
      if (!names.add(name)) {
        throw new RuleFileException(
            RuleFileErrors.badGroup(source, i, "repeats the name '" + name + "'"));
      }
      if (!(group.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
        throw new RuleFileException(
            RuleFileErrors.badGroup(source, i, "('" + name + "') has no 'rules' list"));
      }
      for (int r = 0; r < rules.size(); r++) {
        Object rule = rules.get(r);
        boolean alert =
            rule instanceof Map<?, ?> m && m.get("alert") instanceof String a && !a.isBlank();
        boolean record =
            rule instanceof Map<?, ?> m && m.get("record") instanceof String a && !a.isBlank();
        boolean expr =
            rule instanceof Map<?, ?> m
                && m.get("expr") != null
                && !String.valueOf(m.get("expr")).isBlank();
        if (alert == record || !expr) {
          throw new RuleFileException(
              RuleFileErrors.badRule(
                  source,
                  name,
                  r,
                  alert == record ? "needs exactly one of 'alert' or 'record'" : "has no 'expr'"));
        }
      }
      out.add((Map<String, Object>) group);
    }
    return out;
  }

  private static String kindOf(Object value) {
    return value instanceof List<?>
        ? "list"
        : value instanceof Map<?, ?> ? "mapping" : "scalar ('" + value + "')";
  }

  /** A DNS subdomain name: lower case, other characters as '-'. */
  private static String kubernetesName(String name) {
    String n =
        name.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9.-]", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /** Where the rules came from. */
  public String source() {
    return source;
  }

  /**
   * The PrometheusRule's name: {@code metadata.name}, or {@code milvus-monitored-<file name>} for a
   * rule file.
   */
  public String name() {
    return name;
  }

  /** The PrometheusRule's own labels (empty for a rule file). */
  public Map<String, String> labels() {
    return labels;
  }

  /** The rule groups, as the PrometheusRule's {@code spec.groups}. */
  public List<Map<String, Object>> groups() {
    return groups;
  }

  /** The names of the alerting rules, in file order. */
  public List<String> alertNames() {
    List<String> out = new ArrayList<>();
    groups.forEach(
        g ->
            ((List<?>) g.get("rules"))
                .forEach(
                    r -> {
                      if (((Map<?, ?>) r).get("alert") instanceof String a) {
                        out.add(a);
                      }
                    }));
    return List.copyOf(out);
  }
}
