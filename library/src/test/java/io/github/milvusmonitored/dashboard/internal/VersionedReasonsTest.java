package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.metrics.DetectedVersion;
import org.junit.jupiter.api.Test;

/** Empty panels explained with the catalogue of the release actually scraped. */
class VersionedReasonsTest {

  @Test
  void a_2_6_name_on_2_3_is_explained_as_renamed_and_a_2_3_name_on_2_6_too() {
    assertThat(
            reasons("2.3.5", DetectedVersion.Source.IMAGE_TAG)
                .unknownMetric("search_latency_count"))
        .contains(
            "search_latency_count has never been ingested by Prometheus: the release scraped here runs Milvus"
                + " 2.3.5 (from the image tag), which names it knowhere_search_latency_count (renamed in 2.6:"
                + " `knowhere_search_latency` is `search_latency`)");
    assertThat(
            reasons("2.6.20", DetectedVersion.Source.BUILD_INFO)
                .unknownMetric("knowhere_build_latency_sum"))
        .contains(
            "knowhere_build_latency_sum has never been ingested by Prometheus: the release scraped here runs"
                + " Milvus 2.6.20 (from milvus_build_info), which names it build_latency_sum (renamed in 2.6:"
                + " `knowhere_build_latency` is `build_latency`)");
    assertThat(
            reasons("2.6.20", DetectedVersion.Source.BUILD_INFO)
                .unknownMetric("node_cpu_seconds_total"))
        .isEmpty();
  }

  @Test
  void a_status_value_or_label_of_another_release_is_named_with_the_rewrite_for_the_scraped_one() {
    assertThat(
            reasons("2.6.19", DetectedVersion.Source.BUILD_INFO)
                .selectorReasons("sum(rate(milvus_proxy_req_count{status=\"fail\"}[5m]))"))
        .containsExactly(
            "milvus_proxy_req_count{status=\"fail\"} fits Milvus 2.6.20, but the release scraped here"
                + " runs Milvus 2.6.19 (from milvus_build_info): `status=\"fail\"` selects fail (user), fail (system),"
                + " fail (cancel) in 2.6.20 but matches nothing in 2.6.19 (there: status total|success|fail_input"
                + "|fail_system|cancel|retry|rejected_user|rejected_system|abandon, no cause label); the rewrite is the"
                + " closest the target release can write and also selects rejected (cancel). For 2.6.19 write"
                + " milvus_proxy_req_count{status=~\"cancel|fail_input|fail_system\"}");
    assertThat(
            reasons("2.6.18", DetectedVersion.Source.IMAGE_TAG)
                .selectorReasons("milvus_proxy_req_count{status=\"fail\", cause=\"user\"}"))
        .containsExactly(
            "milvus_proxy_req_count{status=\"fail\", cause=\"user\"} fits Milvus 2.6.20, but the release"
                + " scraped here runs Milvus 2.6.18 (from the image tag): `status=\"fail\", cause=\"user\"` selects fail"
                + " (user) in 2.6.20 but matches nothing in 2.6.18 (there: status total|success|fail|retry|rejected|abandon,"
                + " no cause label); the rewrite is the closest the target release can write and also selects fail"
                + " (system), fail (cancel). For 2.6.18 write milvus_proxy_req_count{status=\"fail\"}");
    assertThat(
            reasons("2.6.20", DetectedVersion.Source.BUILD_INFO)
                .selectorReasons("milvus_proxy_req_count{status=\"fail\", cause=\"user\"}"))
        .isEmpty();
  }

  private static VersionedReasons reasons(String version, DetectedVersion.Source source) {
    return new VersionedReasons(new DetectedVersion(MilvusVersion.parse(version), source, "test"));
  }
}
