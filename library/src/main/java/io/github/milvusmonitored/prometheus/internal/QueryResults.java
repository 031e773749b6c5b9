package io.github.milvusmonitored.prometheus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.Labels;
import io.github.milvusmonitored.prometheus.RangeMatrix;
import io.github.milvusmonitored.prometheus.RangeSeries;
import io.github.milvusmonitored.prometheus.Sample;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@code data} of query answers into result values. */
public final class QueryResults {

  private QueryResults() {}

  /** An instant query's answer: a vector, or a scalar as one sample without labels. */
  public static InstantVector vector(String query, ApiCaller.Envelope envelope) {
    JsonNode data = envelope.data();
    String type = data.path("resultType").asText();
    List<Sample> samples = new ArrayList<>();
    switch (type) {
      case "vector" -> {
        for (JsonNode item : data.path("result")) {
          // Native histogram samples carry "histogram" instead of "value"; Milvus exposes none.
          if (item.has("value")) {
            samples.add(sample(labels(item.path("metric")), item.path("value")));
          }
        }
      }
      case "scalar" -> samples.add(sample(Labels.empty(), data.path("result")));
      default -> throw PrometheusErrors.wrongType(query, "vector", type);
    }
    return new InstantVector(query, samples, envelope.warnings(), envelope.infos());
  }

  /** A range query's answer. */
  public static RangeMatrix matrix(String query, ApiCaller.Envelope envelope) {
    JsonNode data = envelope.data();
    String type = data.path("resultType").asText();
    if (!"matrix".equals(type)) {
      throw PrometheusErrors.wrongType(query, "matrix", type);
    }
    List<RangeSeries> series = new ArrayList<>();
    for (JsonNode item : data.path("result")) {
      List<RangeSeries.Point> points = new ArrayList<>();
      for (JsonNode pair : item.path("values")) {
        points.add(
            new RangeSeries.Point(instant(pair.get(0)), SampleValues.parse(pair.get(1).asText())));
      }
      series.add(new RangeSeries(labels(item.path("metric")), points));
    }
    return new RangeMatrix(query, series, envelope.warnings(), envelope.infos());
  }

  /** A JSON object of string values as labels. */
  public static Labels labels(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return Labels.of(map);
  }

  /** A list of strings (label names, values, scrape pools). */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static Sample sample(Labels labels, JsonNode pair) {
    return new Sample(labels, instant(pair.get(0)), SampleValues.parse(pair.get(1).asText()));
  }

  /** Unix seconds with millisecond decimals, as Prometheus writes them. */
  static Instant instant(JsonNode seconds) {
    return Instant.ofEpochMilli(Math.round(seconds.asDouble() * 1000.0));
  }
}
