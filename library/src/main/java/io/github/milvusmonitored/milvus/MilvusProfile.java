package io.github.milvusmonitored.milvus;

import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.milvus.internal.ProfileValues;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of Milvus chart values sized for a test cluster.
 *
 * <p>Both profiles shorten the chart's probe delays (readiness from 5 s every 5 s instead of from
 * 90 s; liveness from 60 s). Example:
 * {@code MilvusReleaseConfig.builder().withProfile(MilvusProfile.ONE_POD)}.
 */
public enum MilvusProfile {

  /**
   * One Milvus standalone pod with one etcd pod and a standalone MinIO, no Pulsar; Milvus uses its
   * default woodpecker message queue. The chart's defaults would start a cluster with Pulsar, which
   * asks for about 13 GiB of memory.
   */
  STANDALONE(ProfileValues.standalone()),

  /**
   * A single Milvus pod, the fastest to start: the etcd, MinIO and Pulsar sub-charts are disabled;
   * Milvus runs its embedded etcd and stores data and its woodpecker log on local disk (an
   * emptyDir, gone with the pod), set through {@code extraConfigFiles.user.yaml}. Images: Milvus and
   * the chart's config tool only. For fast first samples also scrape more often, e.g.
   * {@code withServiceMonitorInterval(Duration.ofSeconds(5)).withScrapeTimeout(Duration.ofSeconds(4))}.
   * Not for data that must survive a pod restart.
   */
  ONE_POD(ProfileValues.onePod());

  private final Map<String, Object> chartValues;

  MilvusProfile(Map<String, Object> chartValues) {
    this.chartValues = java.util.Collections.unmodifiableMap(chartValues);
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
      if (name != null && profile.name().equals(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'))) {
        return profile;
      }
    }
    List<String> valid = Arrays.stream(values()).map(Enum::name).toList();
    throw new IllegalArgumentException(MilvusErrors.unknownProfile(name, valid));
  }
}
