package io.github.milvusmonitored.metrics.internal;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.metrics.DetectedVersion;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Milvus release an exposition's shape points to, for a Milvus without {@code
 * milvus_build_info}: 2.6.19's split status values, 2.6.20's {@code cause="na"}, 2.6.21's cause on
 * failures only, 2.3's {@code knowhere_} names. The answer is the release of the matching
 * catalogue; what cannot be told apart is said in the evidence.
 */
public final class VersionShape {

  private static final Set<String> SPLIT =
      Set.of("fail_input", "fail_system", "rejected_user", "rejected_system", "cancel");

  private VersionShape() {}

  /**
   * The release the shape points to; empty when no Milvus metric was seen.
   *
   * @param names the metric names seen
   * @param statuses the {@code status} values of {@code milvus_proxy_req_count}
   * @param causes the {@code cause} values of {@code milvus_proxy_req_count}, without the empty one
   */
  public static Optional<DetectedVersion> of(
      Set<String> names, Set<String> statuses, Set<String> causes) {
    if (statuses.stream().anyMatch(SPLIT::contains)) {
      return shape(
          "2.6.19", "milvus_proxy_req_count has 2.6.19's split status values " + sorted(statuses));
    }
    if (causes.contains("na")) {
      return shape("2.6.20", "milvus_proxy_req_count has cause=\"na\", written only by 2.6.20");
    }
    if (!causes.isEmpty()) {
      return shape(
          "2.6.21", "milvus_proxy_req_count has a cause label only on failures: 2.6.21 or later");
    }
    if (names.stream().anyMatch(n -> n.startsWith("knowhere_"))) {
      return shape("2.3.5", "knowhere_* names and no milvus_build_info: a 2.3 release");
    }
    if (names.stream().noneMatch(n -> n.startsWith("milvus_"))) {
      return Optional.empty();
    }
    return shape(
        "2.6.15",
        "milvus_* metrics without knowhere_* names, and no failure counted with a cause: 2.6.0"
            + "-2.6.18, or a later 2.6 that has not yet counted a failed or rejected request");
  }

  private static Optional<DetectedVersion> shape(String version, String evidence) {
    return Optional.of(
        new DetectedVersion(
            MilvusVersion.parse(version), DetectedVersion.Source.EXPOSITION_SHAPE, evidence));
  }

  private static String sorted(Set<String> values) {
    return new TreeSet<>(values).toString();
  }
}
