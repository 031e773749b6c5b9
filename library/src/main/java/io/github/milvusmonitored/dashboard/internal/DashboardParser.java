package io.github.milvusmonitored.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.dashboard.DashboardPanel;
import io.github.milvusmonitored.dashboard.DashboardVariable;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.PanelQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Grafana's dashboard JSON: {@code panels} with {@code row} panels (their children in the
 * row's own {@code panels} when collapsed, following it when expanded), the pre-5.0 {@code rows}
 * layout, string or object data sources, and {@code templating.list}.
 */
public final class DashboardParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardParser() {}

  public static GrafanaDashboard parse(String json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new DashboardException(
          DashboardErrors.notJson(
              origin,
              e.getOriginalMessage()
                  + (e.getLocation() == null
                      ? ""
                      : " at line "
                          + e.getLocation().getLineNr()
                          + ", column "
                          + e.getLocation().getColumnNr())),
          e);
    }
    if (root != null && root.path("dashboard").isObject()) {
      root = root.path("dashboard");
    }
    if (root == null
        || !root.isObject()
        || !(root.path("panels").isArray() || root.path("rows").isArray())) {
      throw new DashboardException(DashboardErrors.notDashboard(origin, describe(root)));
    }
    List<DashboardPanel> panels = new ArrayList<>();
    int[] others = {0};
    String row = "";
    for (JsonNode panel : root.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        row = panel.path("title").asText("");
        for (JsonNode child : panel.path("panels")) {
          add(panels, others, row, child);
        }
      } else {
        add(panels, others, row, panel);
      }
    }
    for (JsonNode legacyRow : root.path("rows")) {
      for (JsonNode child : legacyRow.path("panels")) {
        add(panels, others, legacyRow.path("title").asText(""), child);
      }
    }
    List<DashboardVariable> variables = new ArrayList<>();
    for (JsonNode v : root.path("templating").path("list")) {
      variables.add(variable(v));
    }
    return new GrafanaDashboard(
        root.path("title").asText("(untitled)"),
        root.path("uid").asText(""),
        root.path("schemaVersion").asInt(0),
        origin,
        relativeRange(root.path("time").path("from").asText("")),
        panels,
        others[0],
        variables,
        json);
  }

  private static void add(List<DashboardPanel> out, int[] others, String row, JsonNode panel) {
    if (!isPrometheus(panel.path("datasource"))) {
      others[0]++;
      return;
    }
    List<PanelQuery> queries = new ArrayList<>();
    for (JsonNode target : panel.path("targets")) {
      String expr = target.path("expr").asText("");
      if (target.path("hide").asBoolean(false)
          || expr.isBlank()
          || !isPrometheus(target.path("datasource"))) {
        continue;
      }
      boolean instant =
          target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false);
      queries.add(
          new PanelQuery(
              target.path("refId").asText(""),
              expr,
              target.path("legendFormat").asText(""),
              target.path("interval").asText(""),
              target.path("intervalFactor").asInt(1),
              instant));
    }
    if (queries.isEmpty()) {
      others[0]++;
      return;
    }
    out.add(
        new DashboardPanel(
            row,
            panel.path("title").asText("(untitled)"),
            panel.path("type").asText(""),
            panel.path("interval").asText(""),
            panel.path("maxDataPoints").asInt(0),
            queries));
  }

  /**
   * Prometheus, a variable, the default (null) or a mixed panel; not Loki, the Grafana source, etc.
   */
  static boolean isPrometheus(JsonNode datasource) {
    if (datasource.isMissingNode() || datasource.isNull()) {
      return true;
    }
    if (datasource.isTextual()) {
      String name = datasource.asText();
      return !name.equals("-- Grafana --")
          && !name.equals("-- Dashboard --")
          && !name.equals("grafana");
    }
    String type = datasource.path("type").asText("");
    String uid = datasource.path("uid").asText("");
    return type.isEmpty()
        || type.equals("prometheus")
        || type.equals("datasource") && uid.equals("-- Mixed --");
  }

  private static DashboardVariable variable(JsonNode v) {
    JsonNode q = v.path("query");
    String query = q.isObject() ? q.path("query").asText("") : q.asText("");
    if (query.isEmpty() && v.path("definition").isTextual()) {
      query = v.path("definition").asText();
    }
    List<String> current = new ArrayList<>();
    JsonNode value = v.path("current").path("value");
    if (value.isArray()) {
      value.forEach(x -> current.add(x.asText()));
    } else if (value.isValueNode() && !value.isNull()) {
      current.add(value.asText());
    }
    return new DashboardVariable(
        v.path("name").asText(""),
        v.path("type").asText(""),
        query,
        v.path("regex").asText(""),
        v.path("multi").asBoolean(false),
        v.path("includeAll").asBoolean(false),
        v.path("allValue").isNull() ? "" : v.path("allValue").asText(""),
        current);
  }

  private static Optional<Duration> relativeRange(String from) {
    if (!from.startsWith("now-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(GrafanaDurations.parse(from.substring(4)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String describe(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      return "an empty document";
    }
    if (!root.isObject()) {
      return "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT);
    }
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    return "an object with the keys " + (keys.size() > 8 ? keys.subList(0, 8) + "..." : keys);
  }
}
