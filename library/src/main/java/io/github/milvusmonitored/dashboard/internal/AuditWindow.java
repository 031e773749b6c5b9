package io.github.milvusmonitored.dashboard.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluated time window and Grafana's interval arithmetic over it: {@code $__interval} is the
 * window divided by the max data points, rounded like Grafana rounds it and never below the minimum
 * interval (the query's, the panel's, or the data source's scrape interval); the step is that times
 * the legacy interval factor, kept under Prometheus's 11,000 points per series.
 *
 * @param start window start
 * @param end window end
 * @param defaultMaxDataPoints max data points for panels that do not set one
 * @param scrapeInterval the data source's scrape interval, the default minimum interval
 */
public record AuditWindow(
    Instant start, Instant end, int defaultMaxDataPoints, Duration scrapeInterval) {

  public Duration range() {
    return Duration.between(start, end);
  }

  /**
   * {@code $__interval} for a panel with minimum interval {@code minText} (may be empty) and max
   * data points.
   */
  public Duration interval(String minText, int maxDataPoints) {
    Duration min = scrapeInterval;
    if (minText != null && !minText.isBlank()) {
      try {
        min = GrafanaDurations.parse(minText.startsWith(">") ? minText.substring(1) : minText);
      } catch (IllegalArgumentException e) {
        min = scrapeInterval;
      }
    }
    int points = maxDataPoints > 0 ? maxDataPoints : defaultMaxDataPoints;
    Duration computed = GrafanaDurations.round(range().dividedBy(Math.max(1, points)));
    return computed.compareTo(min) < 0 ? min : computed;
  }

  /** The range query's step. */
  public Duration step(Duration interval, int intervalFactor) {
    Duration step = interval.multipliedBy(Math.max(1, intervalFactor));
    Duration floor = Duration.ofMillis((long) Math.ceil(range().toMillis() / 11_000.0));
    return step.compareTo(floor) < 0 ? floor : step;
  }

  /** Grafana's built-in variables for a query with {@code interval}. */
  public Map<String, String> builtIns(Duration interval) {
    Map<String, String> out = new LinkedHashMap<>();
    Duration rate = interval.plus(scrapeInterval);
    Duration fourScrapes = scrapeInterval.multipliedBy(4);
    out.put("__interval", GrafanaDurations.format(interval));
    out.put("__interval_ms", Long.toString(interval.toMillis()));
    out.put(
        "__rate_interval",
        GrafanaDurations.format(rate.compareTo(fourScrapes) < 0 ? fourScrapes : rate));
    out.put("__range", range().toSeconds() + "s");
    out.put("__range_s", Long.toString(range().toSeconds()));
    out.put("__range_ms", Long.toString(range().toMillis()));
    return out;
  }
}
