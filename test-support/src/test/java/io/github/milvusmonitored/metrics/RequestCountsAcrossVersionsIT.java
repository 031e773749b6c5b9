package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.testing.RecordedMilvus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same traffic gives the same request counts on every Milvus version: the real 2.3.5 recording,
 * and expositions built from the 2.6.15 (standing for 2.6.18), 2.6.19, 2.6.20 and 2.6.21 (standing
 * for 2.6.24) catalogues, each served to a real Prometheus. The recording holds the Search part of
 * the traffic (5 searches and one of a missing collection); the built ones add Insert (1 success, 1
 * failure by Milvus's fault, 1 cancelled, 1 rejected by the user's quota).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestCountsAcrossVersionsIT {

  private static final String REAL_2_3_5 = RecordedMilvus.MILVUS_2_3_5;
  private static final List<String> BUILT = List.of("2.6.18", "2.6.19", "2.6.20", "2.6.24");

  private final Map<String, RecordedMilvus> scraped = new java.util.LinkedHashMap<>();

  @BeforeAll
  void scrape_every_version() {
    scraped.put("2.3.5", RecordedMilvus.scrape(REAL_2_3_5));
    BUILT.forEach(
        v ->
            scraped.put(
                v, RecordedMilvus.scrape("/expositions/milvus-" + v + "-from-catalogue.prom")));
    scraped
        .values()
        .forEach(r -> r.milvus().awaitSample("milvus_proxy_req_count", Duration.ofSeconds(30)));
  }

  @AfterAll
  void stop() {
    scraped.values().forEach(RecordedMilvus::close);
  }

  @Test
  void searches_count_the_same_on_every_version() {
    every(
        Stream.concat(Stream.of("2.3.5"), BUILT.stream()).toList(),
        (counts) -> {
          assertThat(counts.count("Search", RequestStatus.TOTAL)).isEqualTo(6);
          assertThat(counts.count("Search", RequestStatus.SUCCESS)).isEqualTo(5);
          assertThat(counts.count("Search", RequestStatus.FAIL)).isEqualTo(1);
          assertThat(counts.count("Search", RequestStatus.REJECTED)).isZero();
          assertThat(counts.unclassified()).isEmpty();
        });
  }

  @Test
  void failures_rejections_and_cancellations_count_the_same_and_nothing_twice() {
    every(
        BUILT,
        counts -> {
          assertThat(counts.count("Insert", RequestStatus.TOTAL)).isEqualTo(4);
          assertThat(counts.count("Insert", RequestStatus.SUCCESS)).isEqualTo(1);
          assertThat(counts.count("Insert", RequestStatus.FAIL)).isEqualTo(2);
          assertThat(counts.count("Insert", RequestStatus.REJECTED)).isEqualTo(1);
          assertThat(counts.count(RequestStatus.TOTAL)).isEqualTo(10);
          assertThat(counts.unclassified()).isEmpty();
          assertThat(counts.unclassifiedCauses()).isEmpty();
        });
  }

  @Test
  void the_cause_is_counted_where_the_version_records_it_and_nowhere_else() {
    every(
        List.of("2.6.19", "2.6.20", "2.6.24"),
        counts -> {
          assertThat(counts.count("Search", RequestStatus.FAIL, RequestCause.USER)).isEqualTo(1);
          assertThat(counts.count("Insert", RequestStatus.FAIL, RequestCause.SYSTEM)).isEqualTo(1);
          assertThat(counts.count("Insert", RequestStatus.FAIL, RequestCause.CANCEL)).isEqualTo(1);
          assertThat(counts.count("Insert", RequestStatus.REJECTED, RequestCause.USER))
              .isEqualTo(1);
          assertThat(counts.count(RequestStatus.SUCCESS, RequestCause.USER)).isZero();
        });
    every(
        List.of("2.3.5", "2.6.18"),
        counts -> {
          for (RequestCause cause : RequestCause.values()) {
            assertThat(counts.count(RequestStatus.FAIL, cause)).isZero();
          }
        });
  }

  @Test
  void raw_values_stay_visible_as_each_version_wrote_them() {
    assertThat(counts("2.3.5").statuses()).containsExactly("fail", "success", "total");
    assertThat(counts("2.6.19").statuses())
        .containsExactly(
            "cancel", "fail_input", "fail_system", "rejected_user", "success", "total");
    assertThat(counts("2.6.20").causes()).containsExactly("cancel", "na", "system", "user");
    assertThat(counts("2.6.24").causes()).containsExactly("cancel", "system", "user");
  }

  @Test
  void each_version_is_known_from_build_info_or_from_the_shape_of_its_metrics() {
    assertThat(version("2.3.5"))
        .isEqualTo(
            new DetectedVersion(
                MilvusVersion.parse("2.3.5"),
                DetectedVersion.Source.EXPOSITION_SHAPE,
                "knowhere_* names and no milvus_build_info: a 2.3 release"));
    assertThat(version("2.6.19"))
        .isEqualTo(
            new DetectedVersion(
                MilvusVersion.parse("2.6.19"),
                DetectedVersion.Source.BUILD_INFO,
                "milvus_build_info{version=\"v2.6.19\"}"));
    assertThat(version("2.6.24"))
        .isEqualTo(
            new DetectedVersion(
                MilvusVersion.parse("2.6.21"),
                DetectedVersion.Source.EXPOSITION_SHAPE,
                "milvus_proxy_req_count has a cause label only on failures: 2.6.21 or later"));
    assertThat(scraped.get("2.3.5").milvus().withImageTag("v2.3.5").milvusVersion())
        .isEqualTo(
            new DetectedVersion(
                MilvusVersion.parse("2.3.5"),
                DetectedVersion.Source.IMAGE_TAG,
                "the configured image tag v2.3.5"));
  }

  private void every(List<String> versions, Consumer<RequestCounts> check) {
    for (String v : versions) {
      RequestCounts counts = counts(v);
      org.assertj.core.api.SoftAssertions.assertSoftly(
          soft ->
              soft.assertThatCode(() -> check.accept(counts))
                  .as("Milvus " + v + ": " + counts.byCause())
                  .doesNotThrowAnyException());
    }
  }

  private RequestCounts counts(String version) {
    return scraped.get(version).milvus().requestCounts();
  }

  private DetectedVersion version(String version) {
    return scraped.get(version).milvus().milvusVersion();
  }
}
