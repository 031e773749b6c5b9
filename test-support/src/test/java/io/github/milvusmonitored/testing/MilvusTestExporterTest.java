package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MilvusTestExporterTest {

  private static final Map<String, String> SEARCH_LABELS =
      Map.of(
          "node_id", "1", "query_type", "search", "db_name", "default", "collection_name", "books");

  private final HttpClient http = HttpClient.newHttpClient();
  private final MilvusTestExporter exporter = MilvusTestExporter.builder().start();

  @AfterEach
  void close() {
    exporter.close();
  }

  @Test
  void exposes_exactly_the_standalone_startup_families_before_any_traffic() throws Exception {
    HttpResponse<String> response = get(exporter.metricsUri());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");

    TextExposition parsed = TextExposition.parse(response.body());
    assertThat(parsed.familiesWithSamples())
        .containsExactlyInAnyOrderElementsOf(
            MilvusMetricCatalogue.v2_6_15().standaloneStartupFamilies());
    assertThat(parsed.familiesWithSamples())
        .doesNotContain(
            "milvus_proxy_req_count",
            "milvus_proxy_insert_vectors_count",
            "milvus_proxy_sq_latency",
            "milvus_proxy_tt_lag_ms");
    assertThat(parsed.types())
        .containsEntry("milvus_meta_request_latency", MetricType.HISTOGRAM)
        .containsEntry("go_gc_duration_seconds", MetricType.SUMMARY);
  }

  @Test
  void exposes_build_runtime_and_node_info_of_a_standalone_process() {
    TextExposition parsed = TextExposition.parse(exporter.exposition());
    assertThat(parsed.samples("milvus_build_info"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.labels())
                  .containsEntry("version", "v2.6.15")
                  .containsKeys("built", "git_commit");
              assertThat(s.value()).isEqualTo(1.0);
            });
    assertThat(parsed.value("milvus_runtime_info", Map.of("mq", "woodpecker", "meta", "etcd")))
        .contains(1.0);
    assertThat(parsed.samples("milvus_num_node"))
        .extracting(s -> s.labels().get("role_name"))
        .containsExactlyInAnyOrder("datanode", "mixcoord", "proxy", "querynode", "streamingnode");
    assertThat(parsed.value("process_resident_memory_bytes", Map.of()))
        .hasValueSatisfying(v -> assertThat(v).isGreaterThan(1e8));
    assertThat(parsed.value("milvus_rootcoord_credential_num", Map.of())).contains(0.0);
    assertThat(parsed.samples())
        .as("no sample carries a component label; Prometheus adds it as a target label")
        .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("component"));
  }

  @Test
  void counts_each_insert_twice_and_adds_its_rows() {
    exporter.traffic().insert("books", 100).insert("books", 20);

    TextExposition parsed = TextExposition.parse(exporter.exposition());
    assertThat(parsed.value("milvus_proxy_req_count", reqLabels("Insert", "total"))).contains(2.0);
    assertThat(parsed.value("milvus_proxy_req_count", reqLabels("Insert", "success")))
        .contains(2.0);
    assertThat(
            parsed.value(
                "milvus_proxy_insert_vectors_count",
                Map.of("node_id", "1", "db_name", "default", "collection_name", "books")))
        .contains(120.0);
    assertThat(parsed.familiesWithSamples()).doesNotContain("milvus_proxy_sq_latency");
  }

  @Test
  void observes_search_latency_in_milliseconds_in_cumulative_buckets() {
    exporter
        .traffic()
        .search("books", Duration.ofMillis(3))
        .search("books", Duration.ofMillis(100))
        .query("books", Duration.ofMillis(1));

    TextExposition parsed = TextExposition.parse(exporter.exposition());
    assertThat(parsed.value("milvus_proxy_req_count", reqLabels("Search", "total"))).contains(2.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_count", SEARCH_LABELS)).contains(2.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_sum", SEARCH_LABELS)).contains(103.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_bucket", with(SEARCH_LABELS, "le", "2")))
        .contains(0.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_bucket", with(SEARCH_LABELS, "le", "4")))
        .contains(1.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_bucket", with(SEARCH_LABELS, "le", "128")))
        .contains(2.0);
    assertThat(parsed.value("milvus_proxy_sq_latency_bucket", with(SEARCH_LABELS, "le", "+Inf")))
        .contains(2.0);
    assertThat(parsed.samples("milvus_proxy_sq_latency_count")).hasSize(2);
  }

  @Test
  void writes_nan_and_infinities_as_the_text_format_spells_them() {
    exporter
        .setGauge("milvus_rootcoord_collection_num", Map.of("db_name", "nan"), Double.NaN)
        .setGauge(
            "milvus_rootcoord_collection_num", Map.of("db_name", "pos"), Double.POSITIVE_INFINITY)
        .setGauge(
            "milvus_rootcoord_collection_num", Map.of("db_name", "neg"), Double.NEGATIVE_INFINITY)
        .setGauge("milvus_rootcoord_collection_num", Map.of("db_name", "frac"), 0.25);

    assertThat(exporter.exposition())
        .contains(
            "milvus_rootcoord_collection_num{db_name=\"nan\"} NaN\n",
            "milvus_rootcoord_collection_num{db_name=\"pos\"} +Inf\n",
            "milvus_rootcoord_collection_num{db_name=\"neg\"} -Inf\n",
            "milvus_rootcoord_collection_num{db_name=\"frac\"} 0.25\n");
    TextExposition.parse(exporter.exposition());
  }

  @Test
  void refuses_family_names_not_in_the_catalogue() {
    assertThatThrownBy(() -> exporter.setGauge("milvus_made_up", Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Metric family 'milvus_made_up' is not in the Milvus 2.6.15 catalogue"
                + " (/io/github/milvusmonitored/metrics/milvus-metrics-2.6.15.tsv). Milvus never exposes it,"
                + " so a test using it would prove nothing about real Milvus. Use a family name from the catalogue, e.g. milvus_proxy_req_count.");
  }

  @Test
  void refuses_label_names_other_than_the_family_ones() {
    assertThatThrownBy(
            () ->
                exporter.incrementCounter(
                    "milvus_proxy_req_count",
                    Map.of("function_name", "Search", "status", "total"),
                    1))
        .hasMessageStartingWith(
            "Metric family 'milvus_proxy_req_count' has labels [node_id, function_name,"
                + " status, db_name, collection_name] in Milvus 2.6.15, but the sample was given"
                + " [function_name, status].");
    assertThatThrownBy(
            () ->
                exporter.setGauge(
                    "milvus_rootcoord_collection_num",
                    Map.of("db_name", "default", "component", "standalone"),
                    1))
        .hasMessageContaining(
            "Target labels such as namespace, pod or component are added by Prometheus");
  }

  @Test
  void refuses_the_wrong_operation_for_the_family_type() {
    assertThatThrownBy(() -> exporter.setGauge("milvus_proxy_req_count", Map.of(), 1))
        .hasMessage(
            "Metric family 'milvus_proxy_req_count' is a counter in the Milvus catalogue;"
                + " setGauge(..) does not apply to it. Use incrementCounter(..).");
    assertThatThrownBy(
            () -> exporter.incrementCounter("milvus_rootcoord_id_alloc_count", Map.of(), -1))
        .hasMessageStartingWith(
            "Counter 'milvus_rootcoord_id_alloc_count' cannot be incremented by -1.0");
  }

  @Test
  void refuses_families_milvus_never_sets_or_that_run_outside_standalone() {
    assertThatThrownBy(
            () ->
                exporter.setGauge(
                    "milvus_proxy_tt_lag_ms", Map.of("node_id", "1", "channel_name", "dml_0"), 5))
        .hasMessageStartingWith(
            "Metric family 'milvus_proxy_tt_lag_ms' is registered but never exposed");
    assertThatThrownBy(
            () ->
                exporter.incrementCounter(
                    "milvus_cdc_stream_rpc_reconnect_times", Map.of("target_cluster", "b"), 1))
        .hasMessageContaining("does not run inside a Milvus standalone process");
  }

  @Test
  void accepts_request_statuses_of_the_configured_version_only() {
    exporter.traffic().failedRequest("Search", "books", "fail");
    assertThat(
            TextExposition.parse(exporter.exposition())
                .value("milvus_proxy_req_count", reqLabels("Search", "fail")))
        .contains(1.0);
    assertThatThrownBy(() -> exporter.traffic().failedRequest("Search", "fail_input"))
        .hasMessageStartingWith(
            "Request status 'fail_input' does not exist in Milvus 2.6.15; that version"
                + " writes one of [success, fail, retry, rejected, abandon]");

    try (MilvusTestExporter newer =
        MilvusTestExporter.builder().withMilvusVersion("v2.6.19").start()) {
      newer.traffic().failedRequest("Search", "books", "fail_system");
      assertThat(
              TextExposition.parse(newer.exposition())
                  .value("milvus_proxy_req_count", reqLabels("Search", "fail_system")))
          .contains(1.0);
      assertThat(newer.exposition()).contains("version=\"v2.6.19\"");
      assertThatThrownBy(() -> newer.traffic().failedRequest("Search", "fail"))
          .hasMessageContaining("does not exist in Milvus 2.6.19");
    }
    assertThatThrownBy(() -> MilvusTestExporter.builder().withMilvusVersion("v2.6.20"))
        .hasMessage(
            "The Milvus test exporter imitates request statuses up to 2.6.19; Milvus v2.6.20 writes"
                + " status fail|rejected with a cause label (PRs #51496, #51918), which it does not imitate."
                + " Serve an exposition built from the library's catalogue instead, e.g."
                + " RecordedMilvus.scrape(\"/expositions/milvus-2.6.20-from-catalogue.prom\").");
  }

  @Test
  void answers_healthz_and_fails_or_delays_scrapes_on_demand() throws Exception {
    HttpResponse<String> health = get(exporter.metricsUri().resolve("/healthz"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("OK");

    exporter.failScrapesWith(500);
    assertThat(get(exporter.metricsUri()).statusCode()).isEqualTo(500);
    exporter.delayScrapes(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(get(exporter.metricsUri()).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    exporter.serveScrapesNormally();
    assertThat(get(exporter.metricsUri()).statusCode()).isEqualTo(200);
    assertThat(exporter.scrapeCount()).isEqualTo(3);
  }

  @Test
  void stays_consistent_under_concurrent_traffic() throws Exception {
    List<Thread> threads =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(
                i ->
                    new Thread(
                        () -> {
                          for (int n = 0; n < 250; n++) {
                            exporter.traffic().insert("books", 1);
                          }
                        }))
            .toList();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    TextExposition parsed = TextExposition.parse(exporter.exposition());
    assertThat(parsed.value("milvus_proxy_req_count", reqLabels("Insert", "total")))
        .contains(1000.0);
    assertThat(
            parsed.value(
                "milvus_proxy_insert_vectors_count",
                Map.of("node_id", "1", "db_name", "default", "collection_name", "books")))
        .contains(1000.0);
  }

  @Test
  void each_cluster_component_exposes_its_own_startup_families_and_the_common_ones() {
    MilvusMetricCatalogue catalogue = MilvusMetricCatalogue.v2_6_15();
    java.util.Set<String> union = new java.util.TreeSet<>();
    for (String component : MilvusComponents.CLUSTER) {
      try (MilvusTestExporter one = MilvusTestExporter.builder().withComponent(component).start()) {
        TextExposition parsed = TextExposition.parse(one.exposition());
        assertThat(one.component()).isEqualTo(component);
        assertThat(parsed.familiesWithSamples())
            .as(component)
            .containsExactlyInAnyOrderElementsOf(catalogue.startupFamilies(component))
            .contains(
                "milvus_build_info",
                "milvus_runtime_info",
                "milvus_num_node",
                "milvus_meta_op_count",
                "milvus_thread_num",
                "milvus_jemalloc_resident_bytes",
                "go_goroutines",
                "process_resident_memory_bytes");
        assertThat(parsed.samples("milvus_num_node"))
            .as(component + " counts only its own role")
            .singleElement()
            .satisfies(s -> assertThat(s.labels()).containsEntry("role_name", component));
        union.addAll(parsed.familiesWithSamples());
      }
    }
    assertThat(union)
        .as("the five cluster processes together expose what standalone does")
        .containsExactlyInAnyOrderElementsOf(catalogue.standaloneStartupFamilies());
  }

  @Test
  void places_component_families_on_the_process_the_catalogue_names() {
    List<String> coord =
        List.of(
            "milvus_rootcoord_proxy_num",
            "milvus_datacoord_datanode_num",
            "milvus_querycoord_querynode_num");
    List<String> cPlusPlus =
        List.of(
            "internal_core_search_latency",
            "internal_storage_op_count",
            "internal_mmap_in_used_count",
            "search_latency");
    Map<String, List<String>> expected =
        Map.of(
            "mixcoord", coord,
            "proxy", List.of(),
            "querynode", concat(cPlusPlus, "milvus_querynode_disk_used_size"),
            "datanode", concat(cPlusPlus, "milvus_datanode_slot"),
            "streamingnode", cPlusPlus);
    List<String> probed =
        concat(concat(coord, "milvus_querynode_disk_used_size"), "milvus_datanode_slot");
    probed = java.util.stream.Stream.concat(probed.stream(), cPlusPlus.stream()).toList();
    for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
      try (MilvusTestExporter one =
          MilvusTestExporter.builder().withComponent(entry.getKey()).start()) {
        assertThat(probed.stream().filter(one::exposes).toList())
            .as(entry.getKey())
            .containsExactlyInAnyOrderElementsOf(entry.getValue());
      }
    }
    assertThat(MilvusMetricCatalogue.v2_6_15().startupFamilies("proxy"))
        .noneMatch(
            f ->
                f.startsWith("milvus_proxy_")
                    || f.startsWith("milvus_rootcoord_")
                    || f.startsWith("internal_"));
    assertThat(
            MilvusMetricCatalogue.v2_6_15().family("milvus_streaming_produce_total").orElseThrow())
        .satisfies(
            f -> {
              assertThat(f.exposedBy("proxy")).isTrue();
              assertThat(f.exposedBy("querynode")).isTrue();
              assertThat(f.exposedBy("mixcoord")).isTrue();
              assertThat(f.exposedBy("datanode")).isFalse();
              assertThat(f.exposedBy("standalone")).isTrue();
            });
    assertThat(
            MilvusMetricCatalogue.v2_6_15()
                .family("milvus_indexnode_build_index_latency")
                .orElseThrow()
                .exposedBy("datanode"))
        .isTrue();
  }

  @Test
  void refuses_families_the_process_does_not_expose_naming_the_ones_that_do() {
    try (MilvusTestExporter proxy = MilvusTestExporter.builder().withComponent("proxy").start()) {
      assertThatThrownBy(
              () ->
                  proxy.setGauge(
                      "milvus_datanode_slot", Map.of("node_id", "1", "type", "total"), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Metric family 'milvus_datanode_slot' belongs to component 'datanode' in the Milvus"
                  + " catalogue: a Milvus proxy process does not expose it; datanode and standalone processes"
                  + " do. Set it on the exporter that stands for one of those, e.g."
                  + " withComponent(\"datanode\").");
      assertThatThrownBy(
              () ->
                  proxy.incrementCounter(
                      "milvus_cdc_stream_rpc_reconnect_times", Map.of("target_cluster", "b"), 1))
          .hasMessageContaining("nor in any process of a Milvus cluster");
      proxy.traffic().search("books", Duration.ofMillis(3));
      assertThat(
              TextExposition.parse(proxy.exposition())
                  .value("milvus_proxy_req_count", reqLabels("Search", "total")))
          .contains(1.0);
    }
  }

  @Test
  void refuses_traffic_on_processes_other_than_the_proxy() {
    try (MilvusTestExporter querynode =
        MilvusTestExporter.builder().withComponent("querynode").start()) {
      assertThatThrownBy(querynode::traffic)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "traffic() simulates client requests, which Milvus counts in the proxy's"
                  + " families (milvus_proxy_req_count, milvus_proxy_insert_vectors_count,"
                  + " milvus_proxy_sq_latency); this exporter stands for a querynode process")
          .hasMessageContaining("milvusExporters(namespace).get(\"proxy\")");
      assertThatThrownBy(
              () ->
                  querynode.incrementCounter(
                      "milvus_proxy_req_count", reqLabels("Search", "total"), 1))
          .hasMessageContaining("a Milvus querynode process does not expose");
    }
  }

  @Test
  void refuses_a_component_milvus_2_6_does_not_run() {
    assertThatThrownBy(() -> MilvusTestExporter.builder().withComponent("indexnode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Milvus component 'indexnode' is not a Milvus 2.6 process the test exporter knows; use one"
                + " of [standalone, mixcoord, proxy, querynode, datanode, streamingnode] (the chart's"
                + " component label).");
    assertThat(exporter.component()).isEqualTo("standalone");
  }

  private static List<String> concat(List<String> list, String element) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(element))
        .toList();
  }

  private static Map<String, String> reqLabels(String function, String status) {
    return Map.of(
        "node_id",
        "1",
        "function_name",
        function,
        "status",
        status,
        "db_name",
        "default",
        "collection_name",
        "books");
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(labels);
    copy.put(name, value);
    return copy;
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
