package io.github.milvusmonitored.assertions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.assertions.internal.AbsenceWatch.Absence;
import io.github.milvusmonitored.assertions.internal.AbsenceWatch.Evidence;
import io.github.milvusmonitored.metrics.MilvusSelector;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a metric an assertion waits for is absent in the Milvus version scraped, and how that is
 * said.
 */
class AbsenceWatchTest {

  private static final MilvusSelector RELEASE = MilvusSelector.of("milvus", "my-release");
  private static final Set<String> RELEASE_NAMES =
      Set.of(
          "milvus_num_node",
          "milvus_proxy_sq_latency_bucket",
          "milvus_proxy_sq_latency_sum",
          "milvus_proxy_sq_latency_count",
          "milvus_proxy_search_vectors_count");
  private static final Set<String> INGESTED =
      Set.of(
          "up",
          "milvus_num_node",
          "milvus_proxy_sq_latency_bucket",
          "milvus_proxy_sq_latency_sum",
          "milvus_proxy_sq_latency_count",
          "milvus_proxy_search_vectors_count");
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  private static Evidence up(Instant lastScrape) {
    return new Evidence(INGESTED, true, Optional.of(lastScrape), RELEASE_NAMES);
  }

  @Test
  void
      a_startup_metric_never_ingested_is_absent_once_two_scrapes_of_the_up_target_followed_the_first_sight() {
    AbsenceWatch watch = new AbsenceWatch("milvus_build_info", RELEASE);

    assertThat(watch.update(up(T0))).isEmpty();
    assertThat(watch.update(up(T0))).as("no new scrape yet").isEmpty();
    assertThat(watch.update(up(T0.plusSeconds(30))))
        .as("one scrape may still be being written")
        .isEmpty();
    assertThat(watch.update(up(T0.plusSeconds(60))))
        .contains(new Absence("milvus_build_info", RELEASE, 3, List.of()));
  }

  @Test
  void keeps_waiting_while_the_target_is_down_or_nothing_of_the_release_is_ingested_yet() {
    AbsenceWatch down = new AbsenceWatch("sum(milvus_build_info)", RELEASE);
    AbsenceWatch empty = new AbsenceWatch("sum(milvus_build_info)", RELEASE);

    for (int i = 0; i < 5; i++) {
      Instant t = T0.plusSeconds(30L * i);
      assertThat(down.update(new Evidence(INGESTED, false, Optional.of(t), RELEASE_NAMES)))
          .isEmpty();
      assertThat(empty.update(new Evidence(Set.of("up"), true, Optional.of(t), Set.of())))
          .isEmpty();
    }
  }

  @Test
  void starts_counting_scrapes_again_when_the_condition_broke_in_between() {
    AbsenceWatch watch = new AbsenceWatch("milvus_build_info", RELEASE);

    watch.update(up(T0));
    watch.update(up(T0.plusSeconds(30)));
    assertThat(
            watch.update(
                new Evidence(INGESTED, false, Optional.of(T0.plusSeconds(60)), RELEASE_NAMES)))
        .isEmpty();
    assertThat(watch.update(up(T0.plusSeconds(90)))).isEmpty();
    assertThat(watch.update(up(T0.plusSeconds(120)))).isEmpty();
    assertThat(watch.update(up(T0.plusSeconds(150)))).isPresent();
  }

  @Test
  void
      never_stops_early_for_an_ingested_metric_an_after_traffic_one_or_one_outside_the_catalogue() {
    for (String promql :
        List.of(
            "milvus_num_node{role_name=\"nothing\"}",
            "sum(rate(milvus_proxy_upsert_vectors_count[1m]))",
            "my_own_metric")) {
      AbsenceWatch watch = new AbsenceWatch(promql, RELEASE);
      for (int i = 0; i < 5; i++) {
        assertThat(watch.update(up(T0.plusSeconds(30L * i)))).as(promql).isEmpty();
      }
    }
  }

  @Test
  void lists_ingested_names_that_most_likely_stand_for_the_absent_one() {
    Set<String> ingested =
        Set.of("milvus_num_node", "milvus_runtime_build_info_total", "prometheus_build_info");
    AbsenceWatch watch = new AbsenceWatch("milvus_build_info", RELEASE);
    Evidence e = new Evidence(ingested, true, Optional.of(T0), Set.of("milvus_num_node"));

    watch.update(e);
    watch.update(
        new Evidence(ingested, true, Optional.of(T0.plusSeconds(1)), Set.of("milvus_num_node")));

    assertThat(
            watch.update(
                new Evidence(
                    ingested, true, Optional.of(T0.plusSeconds(2)), Set.of("milvus_num_node"))))
        .get()
        .extracting(Absence::similar)
        .isEqualTo(List.of("prometheus_build_info"));
  }

  @Test
  void the_absence_is_worded_with_the_catalogue_the_target_and_what_to_do() {
    Absence absence =
        new Absence("milvus_build_info", RELEASE, 109, List.of("prometheus_build_info"));

    assertThat(AssertionMessages.absent(absence))
        .isEqualTo(
            "milvus_build_info is absent in the Milvus scraped"
                + " here: it is a startup metric in Milvus 2.6.15's catalogue, but the target milvus/my-release (UP, 109"
                + " Milvus families ingested, none named milvus_build_info) does not expose it; this Milvus version lacks or"
                + " renames it. Similar metrics that exist: prometheus_build_info. Run this test on a Milvus version that"
                + " has it (say which in the test), or assert on a metric this version exposes.");
    assertThat(AssertionMessages.absent(new Absence("milvus_build_info", RELEASE, 1, List.of())))
        .isEqualTo(
            "milvus_build_info is absent in the Milvus scraped here: it is a startup metric in Milvus"
                + " 2.6.15's catalogue, but the target milvus/my-release (UP, 1 Milvus family ingested, none named"
                + " milvus_build_info) does not expose it; this Milvus version lacks or renames it. Run this test on a"
                + " Milvus version that has it (say which in the test), or assert on a metric this version exposes.");
  }

  @Test
  void an_after_traffic_metric_never_ingested_is_explained_by_the_catalogue() {
    AbsenceWatch watch =
        new AbsenceWatch(
            "sum(rate(milvus_proxy_upsert_vectors_count[1m])) + sum(milvus_num_node)", RELEASE);

    assertThat(watch.reasons(INGESTED))
        .containsExactly(
            "milvus_proxy_upsert_vectors_count appears only after"
                + " traffic (Upsert), per the Milvus 2.6.15 metric catalogue");
    assertThat(new AbsenceWatch("milvus_proxy_search_vectors_count", RELEASE).reasons(INGESTED))
        .as("ingested: a label filter, not the catalogue, explains it")
        .isEmpty();
  }

  @Test
  void the_configured_image_tag_says_whether_its_release_has_the_metric() {
    assertThat(AbsenceWatch.versionNote("milvus_build_info", Optional.of("v2.3.5")))
        .isEqualTo(
            "The release runs Milvus 2.3.5 (its configured image tag v2.3.5), whose metric catalogue lacks it.");
    assertThat(AbsenceWatch.versionNote("milvus_build_info", Optional.of("v2.6.24")))
        .isEqualTo(
            "The release runs Milvus 2.6.24 (its configured image tag v2.6.24), whose metric catalogue lists"
                + " it: it should be there.");
    assertThat(AbsenceWatch.versionNote("milvus_build_info", Optional.of("latest"))).isEmpty();
    assertThat(AbsenceWatch.versionNote("milvus_build_info", Optional.empty())).isEmpty();
    assertThat(
            AssertionMessages.absent(
                new Absence(
                    "milvus_build_info",
                    RELEASE,
                    1,
                    List.of(),
                    "The release runs Milvus 2.3.5 (its configured image tag v2.3.5), whose metric catalogue lacks it.")))
        .contains(
            "this Milvus version lacks or renames it. The release runs Milvus 2.3.5 (its configured image tag"
                + " v2.3.5), whose metric catalogue lacks it. Run this test");
  }
}
