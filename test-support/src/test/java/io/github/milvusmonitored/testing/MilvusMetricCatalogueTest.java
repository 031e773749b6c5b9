package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MilvusMetricCatalogueTest {

  private final MilvusMetricCatalogue catalogue = MilvusMetricCatalogue.v2_6_15();

  @Test
  void loads_every_family_of_the_catalogue() {
    assertThat(catalogue.families()).hasSize(378);
    assertThat(catalogue.family("milvus_proxy_req_count"))
        .hasValueSatisfying(
            f -> {
              assertThat(f.type()).isEqualTo(MetricType.COUNTER);
              assertThat(f.labelNames())
                  .containsExactly(
                      "node_id", "function_name", "status", "db_name", "collection_name");
              assertThat(f.component()).isEqualTo("proxy");
              assertThat(f.appearsAtStartup()).isFalse();
            });
  }

  @Test
  void reads_label_names_out_of_the_knowhere_prose_column() {
    assertThat(catalogue.family("search_latency").orElseThrow().labelNames())
        .containsExactly("module");
  }

  @Test
  void classifies_startup_never_and_cdc_families() {
    assertThat(catalogue.standaloneStartupFamilies())
        .contains(
            "milvus_build_info",
            "milvus_runtime_info",
            "milvus_num_node",
            "milvus_meta_op_count",
            "milvus_rootcoord_proxy_num",
            "process_resident_memory_bytes",
            "go_goroutines")
        .doesNotContain("milvus_proxy_req_count", "milvus_proxy_tt_lag_ms");
    assertThat(catalogue.family("milvus_proxy_tt_lag_ms").orElseThrow().neverAppears()).isTrue();
    assertThat(
            catalogue
                .family("milvus_cdc_replicated_bytes_total")
                .orElseThrow()
                .exposedByStandalone())
        .isFalse();
  }

  @Test
  void refuses_a_catalogue_line_with_missing_columns() {
    assertThatThrownBy(
            () ->
                MilvusMetricCatalogue.parse(
                    "name\ttype\tlabels\tcomponent\tgo\tsrc\tappears\n"
                        + "milvus_x\tgauge\t\tproxy\n"))
        .hasMessageContaining("line 2 has 4 tab-separated columns, expected at least 7");
  }

  @Test
  void refuses_a_component_no_milvus_process_is_known_to_expose() {
    assertThatThrownBy(
            () ->
                MilvusMetricCatalogue.parse(
                    "name\ttype\tlabels\tcomponent\tgo\tsrc\tappears\n"
                        + "milvus_x\tgauge\t\tindexcoord\tX\tx.go\tstartup\n"))
        .hasMessageContaining(
            "family milvus_x has component 'indexcoord', which no Milvus process is"
                + " known to expose; place it in MilvusComponents");
  }
}
