package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCountsTest {

  @Test
  void counts_of_releases_without_a_cause_read_as_counts_with_an_empty_cause() {
    RequestCounts counts =
        RequestCounts.ofStatuses(
            Map.of("Search", Map.of("total", 3.0, "fail", 1.0, "success", 2.0)));

    assertThat(counts.count("Search", RequestStatus.FAIL)).isEqualTo(1);
    assertThat(counts.count("Search", RequestStatus.FAIL, RequestCause.USER)).isZero();
    assertThat(counts.byFunction())
        .containsExactly(Map.entry("Search", Map.of("fail", 1.0, "success", 2.0, "total", 3.0)));
    assertThat(counts.causes()).isEmpty();
  }

  @Test
  void a_cause_the_library_does_not_know_is_counted_and_named() {
    RequestCounts counts =
        new RequestCounts(
            Map.of(
                "Insert",
                Map.of("fail", Map.of("user", 1.0, "quota", 2.0), "total", Map.of("na", 3.0))));

    assertThat(counts.count("Insert", RequestStatus.FAIL)).isEqualTo(3);
    assertThat(counts.count("Insert", RequestStatus.FAIL, RequestCause.USER)).isEqualTo(1);
    assertThat(counts.unclassifiedCauses()).containsExactly(Map.entry("quota", 2.0));
    assertThat(counts.causes()).containsExactly("na", "quota", "user");
  }

  @Test
  void the_cause_comes_from_the_label_else_from_2_6_19_status_values() {
    assertThat(RequestCause.of("fail", "system")).contains(RequestCause.SYSTEM);
    assertThat(RequestCause.of("fail_input", "")).contains(RequestCause.USER);
    assertThat(RequestCause.of("rejected_system", "")).contains(RequestCause.SYSTEM);
    assertThat(RequestCause.of("cancel", "")).contains(RequestCause.CANCEL);
    assertThat(RequestCause.of("success", "na")).isEmpty();
    assertThat(RequestCause.of("fail", "")).isEmpty();
  }
}
