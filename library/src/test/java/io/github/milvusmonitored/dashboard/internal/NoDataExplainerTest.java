package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.metrics.MilvusSelector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Explanations for metrics never ingested, on the names a real Milvus 2.3.5 exposes after traffic.
 */
class NoDataExplainerTest {

  private static final Set<String> MILVUS_2_3_5 =
      namesOf("/expositions/milvus-2.3.5-after-traffic.prom");
  private static final Set<String> MILVUS_2_6_15 =
      Set.of(
          "search_latency_bucket",
          "range_search_latency_bucket",
          "milvus_proxy_sq_latency_bucket",
          "internal_storage_request_latency_bucket");

  @Test
  void
      a_catalogue_metric_without_the_milvus_prefix_is_a_milvus_metric_renamed_in_another_version() {
    NoDataExplainer explainer = explainer(MILVUS_2_3_5);

    assertThat(explainer.similar("search_latency_bucket"))
        .containsExactly("knowhere_search_latency_bucket", "knowhere_range_search_latency_bucket");
    assertThat(
            explainer.unknownReason(
                "search_latency_bucket", explainer.similar("search_latency_bucket")))
        .isEqualTo(
            "search_latency_bucket has never been ingested by Prometheus (it is not in"
                + " /api/v1/label/__name__/values): it is in the Milvus 2.6.15 metric catalogue (knowhere C++ (no milvus_"
                + " prefix), there from startup), so the Milvus version scraped here most likely names it differently"
                + " or lacks it. Similar metrics that exist: knowhere_search_latency_bucket,"
                + " knowhere_range_search_latency_bucket");
  }

  @Test
  void finds_the_unprefixed_name_for_a_prefixed_one() {
    NoDataExplainer explainer = explainer(MILVUS_2_6_15);

    assertThat(explainer.similar("knowhere_search_latency_bucket"))
        .containsExactly("search_latency_bucket", "range_search_latency_bucket");
  }

  @Test
  void a_name_neither_prefixed_nor_in_the_catalogue_belongs_to_another_exporter() {
    NoDataExplainer explainer = explainer(MILVUS_2_3_5);

    assertThat(
            explainer.unknownReason(
                "node_cpu_seconds_total", explainer.similar("node_cpu_seconds_total")))
        .isEqualTo(
            "node_cpu_seconds_total has never been ingested by Prometheus (it is not in"
                + " /api/v1/label/__name__/values): it is not a Milvus metric, so the exporter that provides it is not"
                + " scraped by this Prometheus");
  }

  @Test
  void a_milvus_name_outside_the_catalogue_was_renamed_or_removed_and_its_neighbours_are_listed() {
    NoDataExplainer explainer = explainer(MILVUS_2_3_5);

    assertThat(explainer.similar("milvus_proxy_sq_latency_seconds_bucket"))
        .startsWith("milvus_proxy_sq_latency_bucket");
    assertThat(
            explainer.unknownReason("milvus_rootcoord_has_collection_total", java.util.List.of()))
        .isEqualTo(
            "milvus_rootcoord_has_collection_total has never been ingested by Prometheus (it is not in"
                + " /api/v1/label/__name__/values): it is not a Milvus 2.6.15 metric either, so it was most likely"
                + " renamed or removed");
  }

  private static NoDataExplainer explainer(Set<String> ingested) {
    return new NoDataExplainer(
        new LabelValuesTransport().client(),
        MilvusSelector.of("milvus", "my-release"),
        ingested,
        Instant.EPOCH,
        Duration.ofMinutes(15));
  }

  private static Set<String> namesOf(String resource) {
    try (InputStream in = NoDataExplainerTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("[{ ]", 2)[0])
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
