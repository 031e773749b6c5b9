package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Answers Prometheus's label values endpoint from a table keyed by the exact {@code match[]}
 * selector, and range queries with no series; records every selector and query asked for: what the
 * audit sends is the behaviour under test.
 */
final class LabelValuesTransport implements PrometheusTransport {

  private final Map<String, List<String>> values = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  /** Label {@code label} on series matching {@code selector} has {@code found}. */
  LabelValuesTransport answer(String label, String selector, String... found) {
    values.put(label + " " + selector, List.of(found));
    return this;
  }

  /** Every {@code label selector} asked for, in order. */
  List<String> asked() {
    return asked;
  }

  PrometheusClient client() {
    return PrometheusClient.builder(this).build();
  }

  @Override
  public PrometheusResponse get(String path, QueryParameters query, Duration timeout) {
    if (path.equals("api/v1/query_range")) {
      asked.add(query.entries().get(0).getValue());
      return new PrometheusResponse(
          200,
          "application/json",
          "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    }
    String label = path.replaceFirst("^api/v1/label/", "").replaceFirst("/values$", "");
    String selector =
        query.entries().stream()
            .filter(e -> e.getKey().equals("match[]"))
            .map(Map.Entry::getValue)
            .collect(Collectors.joining(","));
    asked.add(label + " " + selector);
    String data =
        values.getOrDefault(label + " " + selector, List.of()).stream()
            .map(v -> "\"" + v + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    return new PrometheusResponse(
        200, "application/json", "{\"status\":\"success\",\"data\":" + data + "}");
  }

  @Override
  public URI baseUri() {
    return URI.create("http://127.0.0.1:9090/");
  }
}
