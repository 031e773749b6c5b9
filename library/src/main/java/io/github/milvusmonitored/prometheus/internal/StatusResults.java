package io.github.milvusmonitored.prometheus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.milvusmonitored.prometheus.Alert;
import io.github.milvusmonitored.prometheus.BuildInfo;
import io.github.milvusmonitored.prometheus.MetricMetadata;
import io.github.milvusmonitored.prometheus.Rules;
import io.github.milvusmonitored.prometheus.SampleValues;
import io.github.milvusmonitored.prometheus.Targets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the {@code data} of the status endpoints (targets, rules, alerts, metadata, build) into
 * values.
 */
public final class StatusResults {

  private StatusResults() {}

  public static Targets targets(JsonNode data) {
    List<Targets.Active> active = new ArrayList<>();
    for (JsonNode t : data.path("activeTargets")) {
      active.add(
          new Targets.Active(
              t.path("scrapePool").asText(),
              t.path("scrapeUrl").asText(),
              QueryResults.labels(t.path("labels")),
              QueryResults.labels(t.path("discoveredLabels")),
              health(t.path("health").asText()),
              t.path("lastError").asText(""),
              time(t.path("lastScrape")),
              Duration.ofNanos(Math.round(t.path("lastScrapeDuration").asDouble() * 1e9))));
    }
    List<Targets.Dropped> dropped = new ArrayList<>();
    for (JsonNode t : data.path("droppedTargets")) {
      dropped.add(
          new Targets.Dropped(
              t.path("scrapePool").asText(""), QueryResults.labels(t.path("discoveredLabels"))));
    }
    return new Targets(active, dropped);
  }

  public static List<MetricMetadata> metadata(JsonNode data) {
    List<MetricMetadata> out = new ArrayList<>();
    data.fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .forEach(
                        m ->
                            out.add(
                                new MetricMetadata(
                                    e.getKey(),
                                    m.path("type").asText(""),
                                    m.path("help").asText(""),
                                    m.path("unit").asText("")))));
    return List.copyOf(out);
  }

  public static Rules rules(JsonNode data) {
    List<Rules.Group> groups = new ArrayList<>();
    for (JsonNode g : data.path("groups")) {
      List<Rules.Rule> rules = new ArrayList<>();
      for (JsonNode r : g.path("rules")) {
        rules.add(
            new Rules.Rule(
                r.path("name").asText(),
                r.path("type").asText(),
                r.path("query").asText(),
                r.path("health").asText(""),
                r.path("lastError").asText(""),
                r.path("state").asText(""),
                seconds(r.path("duration")),
                QueryResults.labels(r.path("labels")),
                alerts(r)));
      }
      groups.add(
          new Rules.Group(
              g.path("name").asText(),
              g.path("file").asText(""),
              seconds(g.path("interval")),
              rules));
    }
    return new Rules(groups);
  }

  public static List<Alert> alerts(JsonNode data) {
    List<Alert> out = new ArrayList<>();
    for (JsonNode a : data.path("alerts")) {
      String value = a.path("value").asText("NaN");
      out.add(
          new Alert(
              QueryResults.labels(a.path("labels")),
              QueryResults.labels(a.path("annotations")),
              a.path("state").asText(),
              time(a.path("activeAt")),
              parseLenient(value)));
    }
    return List.copyOf(out);
  }

  private static Duration seconds(JsonNode node) {
    return Duration.ofMillis(Math.round(node.asDouble(0) * 1000));
  }

  public static BuildInfo buildInfo(JsonNode data) {
    return new BuildInfo(
        data.path("version").asText(""),
        data.path("revision").asText(""),
        data.path("goVersion").asText(""));
  }

  private static Targets.Health health(String text) {
    return switch (text) {
      case "up" -> Targets.Health.UP;
      case "down" -> Targets.Health.DOWN;
      default -> Targets.Health.UNKNOWN;
    };
  }

  /** RFC 3339; Prometheus writes the zero time (year 1) for "never". */
  private static Optional<Instant> time(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    try {
      Instant t = Instant.parse(node.asText());
      return t.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(t);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // Alert values are printed by Go's %e formatting ("1e+00"), which Double.parseDouble accepts.
  private static double parseLenient(String value) {
    try {
      return SampleValues.parse(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
