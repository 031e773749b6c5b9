package io.github.milvusmonitored.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.metrics.DetectedVersion;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionShapeTest {

  @Test
  void status_and_cause_values_tell_the_2_6_releases_apart() {
    assertThat(version(Set.of("milvus_proxy_req_count"), Set.of("total", "fail_input"), Set.of()))
        .isEqualTo("2.6.19");
    assertThat(
            version(
                Set.of("milvus_proxy_req_count"), Set.of("total", "fail"), Set.of("na", "user")))
        .isEqualTo("2.6.20");
    assertThat(version(Set.of("milvus_proxy_req_count"), Set.of("total", "fail"), Set.of("user")))
        .isEqualTo("2.6.21");
  }

  @Test
  void knowhere_names_without_build_info_are_a_2_3_release() {
    assertThat(
            version(
                Set.of("milvus_proxy_req_count", "knowhere_search_latency_bucket"),
                Set.of("total"),
                Set.of()))
        .isEqualTo("2.3.5");
  }

  @Test
  void what_cannot_be_told_apart_is_said_and_no_milvus_metric_tells_nothing() {
    DetectedVersion plain =
        VersionShape.of(Set.of("milvus_proxy_req_count"), Set.of("total", "success"), Set.of())
            .orElseThrow();
    assertThat(plain.version()).hasToString("2.6.15");
    assertThat(plain.evidence())
        .isEqualTo(
            "milvus_* metrics without knowhere_* names, and no failure counted with a"
                + " cause: 2.6.0-2.6.18, or a later 2.6 that has not yet counted a failed or rejected request");
    assertThat(VersionShape.of(Set.of("up", "go_goroutines"), Set.of(), Set.of())).isEmpty();
  }

  private static String version(Set<String> names, Set<String> statuses, Set<String> causes) {
    return VersionShape.of(names, statuses, causes).orElseThrow().version().toString();
  }
}
