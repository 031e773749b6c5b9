package io.github.milvusmonitored.upgrade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.milvusmonitored.dashboard.DashboardPanel;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.PanelQuery;
import io.github.milvusmonitored.upgrade.internal.UpgradeTexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The expressions an {@link UpgradeCheck} reads: from a Prometheus rule file or PrometheusRule, a
 * Grafana dashboard, or a plain list.
 *
 * <pre>{@code
 * List<PromqlExpression> rules = UpgradeInputs.ruleFile(Path.of("rules.yaml"));
 * List<PromqlExpression> panels = UpgradeInputs.dashboard(DashboardSource.file(Path.of("milvus.json")));
 * }</pre>
 */
public final class UpgradeInputs {

  private UpgradeInputs() {}

  /**
   * The {@code expr} of every rule of a Prometheus rule file ({@code groups}) or a PrometheusRule
   * resource ({@code spec.groups}); several YAML documents in one file are read one after the
   * other.
   *
   * @throws UpgradeCheckException when the file cannot be read, is not YAML, or holds no rule
   */
  public static List<PromqlExpression> ruleFile(Path file) {
    String text = read(file);
    List<PromqlExpression> out = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.getFactory().createParser(text)) {
      var documents = yaml.readValues(parser, JsonNode.class);
      while (documents.hasNextValue()) {
        JsonNode root = documents.nextValue();
        if (root == null || !root.isObject()) {
          if (root != null && !root.isNull() && !root.isMissingNode()) {
            throw new UpgradeCheckException(
                UpgradeTexts.notYaml(
                    file,
                    "its top level is "
                        + root.getNodeType().name().toLowerCase(Locale.ROOT)
                        + ", not a mapping"));
          }
          continue;
        }
        JsonNode groups = root.has("spec") ? root.path("spec").path("groups") : root.path("groups");
        for (JsonNode group : groups) {
          for (JsonNode rule : group.path("rules")) {
            if (rule.hasNonNull("expr")) {
              String name =
                  rule.has("alert")
                      ? "alert " + rule.path("alert").asText()
                      : rule.has("record")
                          ? "record " + rule.path("record").asText()
                          : "group " + group.path("name").asText();
              out.add(
                  new PromqlExpression(
                      file.getFileName() + ": " + name, rule.path("expr").asText()));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UpgradeCheckException u) {
        throw u;
      }
      String where =
          e instanceof JsonProcessingException j && j.getLocation() != null
              ? " at line "
                  + j.getLocation().getLineNr()
                  + ", column "
                  + j.getLocation().getColumnNr()
              : "";
      throw new UpgradeCheckException(
          UpgradeTexts.notYaml(file, firstLine(e.getMessage()) + where), e);
    }
    if (out.isEmpty()) {
      throw new UpgradeCheckException(UpgradeTexts.noRules(file));
    }
    return List.copyOf(out);
  }

  /**
   * Every visible Prometheus query of a Grafana dashboard, as written (variables unresolved).
   *
   * @throws UpgradeCheckException when the dashboard has no Prometheus query
   * @throws io.github.milvusmonitored.dashboard.DashboardException when it cannot be read or is not
   *     a dashboard
   */
  public static List<PromqlExpression> dashboard(DashboardSource source) {
    GrafanaDashboard dashboard = GrafanaDashboard.load(source);
    List<PromqlExpression> out = new ArrayList<>();
    for (DashboardPanel panel : dashboard.panels()) {
      for (PanelQuery q : panel.queries()) {
        if (!q.expr().isBlank()) {
          out.add(
              new PromqlExpression(
                  "dashboard '"
                      + dashboard.title()
                      + "' panel "
                      + panel.path()
                      + " ("
                      + q.refId()
                      + ")",
                  q.expr()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new UpgradeCheckException(
          UpgradeTexts.noQueries(dashboard.title(), dashboard.origin()));
    }
    return List.copyOf(out);
  }

  /**
   * One expression per line; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws UpgradeCheckException when the file cannot be read or holds no expression
   */
  public static List<PromqlExpression> list(Path file) {
    List<PromqlExpression> out = new ArrayList<>();
    String[] lines = read(file).split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(new PromqlExpression(file.getFileName() + " line " + (i + 1), line));
      }
    }
    if (out.isEmpty()) {
      throw new UpgradeCheckException(UpgradeTexts.emptyList(file));
    }
    return List.copyOf(out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UpgradeCheckException(UpgradeTexts.unreadable(file, e), e);
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "unreadable" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
