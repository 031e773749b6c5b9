package io.github.milvusmonitored.milvus;

import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of Milvus chart values sized for a test cluster.
 *
 * <p>Example: {@code MilvusReleaseConfig.builder().withProfile(MilvusProfile.STANDALONE)}.
 */
public enum MilvusProfile {

  /**
   * One Milvus standalone pod with one etcd pod and a standalone MinIO, no Pulsar; Milvus uses its
   * default woodpecker message queue. The chart's defaults would start a cluster with Pulsar, which
   * asks for about 13 GiB of memory.
   */
  STANDALONE(Map.of(
      "cluster", Map.of("enabled", false),
      "etcd", Map.of("replicaCount", 1),
      "minio", Map.of("mode", "standalone"),
      "pulsarv3", Map.of("enabled", false),
      "standalone", Map.of("messageQueue", "woodpecker")));

  private final Map<String, Object> chartValues;

  MilvusProfile(Map<String, Object> chartValues) {
    this.chartValues = chartValues;
  }

  /** Returns a fresh, mutable copy of the chart values this profile sets. */
  public Map<String, Object> chartValues() {
    return ValuesMerge.copy(chartValues);
  }

  /**
   * Returns the profile with this name, ignoring case.
   *
   * @throws IllegalArgumentException naming the valid profiles when there is none by that name
   */
  public static MilvusProfile parse(String name) {
    for (MilvusProfile profile : values()) {
      if (name != null && profile.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return profile;
      }
    }
    List<String> valid = Arrays.stream(values()).map(Enum::name).toList();
    throw new IllegalArgumentException(MilvusErrors.unknownProfile(name, valid));
  }
}
