package io.github.milvusmonitored.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {

  private static final Set<String> PROXY =
      Set.of("milvus_proxy_req_count", "milvus_proxy_grpc_latency");

  @Test
  void each_covered_release_has_its_catalogue_and_others_say_which_one_stands_in() {
    assertThat(CatalogueCoverage.catalogued())
        .extracting(Object::toString)
        .containsExactly("2.3.5", "2.6.15", "2.6.19", "2.6.20", "2.6.21");
    assertThat(choose("2.6.19").catalogue().version()).hasToString("2.6.19");
    assertThat(choose("2.6.19").assumption()).isEmpty();
    assertThat(choose("2.6.18").assumption())
        .contains(
            "Milvus 2.6.18 is read with the catalogue of 2.6.15, which"
                + " stands for 2.6.0-2.6.18.");
    assertThat(choose("2.6.24").catalogue().version()).hasToString("2.6.21");
    assertThat(choose("2.3.1").catalogue().version()).hasToString("2.3.5");
  }

  @Test
  void a_release_no_catalogue_covers_is_read_with_the_nearest_and_the_choice_says_so() {
    assertThat(choose("2.4.9").catalogue().version()).hasToString("2.3.5");
    assertThat(choose("2.5.4").catalogue().version()).hasToString("2.6.15");
    assertThat(choose("2.5.4").assumption())
        .contains(
            "No metric catalogue covers Milvus 2.5.4 (covered: 2.3.x (2.3.5),"
                + " 2.6.0-2.6.18 (2.6.15), 2.6.19, 2.6.20, 2.6.21 and later 2.6 releases (2.6.21)); using the nearest, 2.6.15."
                + " Facts that differ between the two releases are not seen.");
    assertThat(choose("3.0.0").catalogue().version()).hasToString("2.6.21");
  }

  @Test
  void
      the_2_6_19_to_2_6_21_catalogues_differ_from_2_6_15_only_in_the_proxy_status_lines_their_pull_requests_changed() {
    MetricCatalogue base = MetricCatalogue.of(MilvusVersion.parse("2.6.15"));
    for (String v : List.of("2.6.19", "2.6.20", "2.6.21")) {
      MetricCatalogue derived = MetricCatalogue.of(MilvusVersion.parse(v));
      assertThat(derived.families().keySet()).as(v).isEqualTo(base.families().keySet());
      Set<String> changed =
          derived.families().values().stream()
              .filter(
                  f ->
                      !f.labels().equals(base.families().get(f.name()).labels())
                          || !f.labelValues().equals(base.families().get(f.name()).labelValues()))
              .map(MetricCatalogue.Family::name)
              .collect(Collectors.toSet());
      assertThat(changed).as(v).isEqualTo(PROXY);
      PROXY.forEach(
          name -> assertThat(derived.families().get(name).origin()).as(v).startsWith("PR #"));
    }
  }

  @Test
  void status_and_cause_values_per_release_are_those_the_pull_requests_state() {
    assertThat(values("2.6.15"))
        .containsExactly(
            Map.entry(
                "status", List.of("total", "success", "fail", "retry", "rejected", "abandon")));
    assertThat(values("2.6.19").get("status"))
        .containsExactly(
            "total",
            "success",
            "fail_input",
            "fail_system",
            "rejected_user",
            "rejected_system",
            "cancel",
            "retry",
            "abandon");
    assertThat(values("2.6.20").get("cause")).containsExactly("user", "system", "cancel", "na");
    assertThat(values("2.6.21").get("cause")).containsExactly("user", "system", "cancel");
    assertThat(
            MetricCatalogue.of(MilvusVersion.parse("2.6.20"))
                .family("milvus_proxy_req_count")
                .orElseThrow()
                .labels())
        .endsWith("cause");
  }

  @Test
  void the_2_3_5_catalogue_is_what_capture_makes_of_the_real_recording() throws IOException {
    String recording = resource("/expositions/milvus-2.3.5-after-traffic.prom");
    String committed = resource("/io/github/milvusmonitored/metrics/milvus-metrics-2.3.5.tsv");

    assertThat(
            CatalogueCapture.capture(
                recording, MilvusVersion.parse("2.3.5"), "milvus-2.3.5-after-traffic.prom"))
        .isEqualTo(committed);
    MetricCatalogue c = MetricCatalogue.of(MilvusVersion.parse("2.3.5"));
    assertThat(c.valuesObserved()).isTrue();
    assertThat(c.families())
        .containsKeys("knowhere_search_latency", "milvus_proxy_sq_latency")
        .doesNotContainKeys("milvus_build_info", "search_latency");
    assertThat(c.family("milvus_proxy_req_count").orElseThrow().labels())
        .containsExactly("function_name", "node_id", "status");
    assertThat(c.family("milvus_proxy_req_count").orElseThrow().labelValues())
        .containsExactly(Map.entry("status", List.of("fail", "success", "total")));
    assertThat(c.family("knowhere_search_latency_bucket")).isPresent();
  }

  @Test
  void a_line_with_too_few_columns_is_named() {
    assertThatThrownBy(
            () ->
                MetricCatalogue.parse(
                    "# x\nname\ttype\tlabels\nm\tcounter\n",
                    "cat.tsv",
                    MilvusVersion.parse("2.6.15")))
        .hasMessage(
            "Catalogue cat.tsv line 3 has 2 tab-separated columns, expected at least 7 (name, type, labels,"
                + " component, go_variable, source_file, appears).");
  }

  private static CatalogueCoverage.Choice choose(String v) {
    return MetricCatalogue.forVersion(MilvusVersion.parse(v));
  }

  private static Map<String, List<String>> values(String v) {
    return MetricCatalogue.of(MilvusVersion.parse(v))
        .family("milvus_proxy_req_count")
        .orElseThrow()
        .labelValues();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MetricCatalogueTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void a_captured_catalogue_takes_when_a_family_appears_from_the_curated_one() {
    MetricCatalogue captured = MetricCatalogue.of(MilvusVersion.parse("2.3.5"));

    assertThat(captured.absenceReason("milvus_proxy_sq_latency_bucket"))
        .contains(
            "milvus_proxy_sq_latency_bucket"
                + " appears only after traffic (Search/Query), per the Milvus 2.6.15 metric catalogue; the Milvus 2.3.5"
                + " catalogue, captured after traffic, lists it too");
    assertThat(captured.absenceReason("milvus_num_node"))
        .as("there from startup in 2.6.15: no reason to be absent")
        .isEmpty();
  }
}
