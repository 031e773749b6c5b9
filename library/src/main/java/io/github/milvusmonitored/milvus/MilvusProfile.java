package io.github.milvusmonitored.milvus;

import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.milvus.internal.ProfileValues;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of Milvus chart values sized for a test cluster.
 *
 * <p>Every profile shortens the chart's probe delays: Milvus readiness from 5 s every 5 s instead
 * of from 90 s, liveness from 60 s; etcd readiness from 5 s every 5 s instead of from 60 s every 20
 * s. Example: {@code MilvusReleaseConfig.builder().withProfile(MilvusProfile.CLUSTER)}.
 */
public enum MilvusProfile {

  /**
   * One Milvus standalone pod with one etcd pod and a standalone MinIO, no Pulsar; Milvus uses its
   * default woodpecker message queue. The chart's defaults would start a cluster with Pulsar, which
   * asks for about 13 GiB of memory.
   */
  STANDALONE(ProfileValues.standalone(), List.of("standalone")),

  /**
   * A single Milvus pod, the fastest to start: the etcd, MinIO and Pulsar sub-charts are disabled;
   * Milvus runs its embedded etcd ({@code extraConfigFiles.user.yaml}, with {@code
   * DEPLOY_MODE=STANDALONE} in {@code standalone.extraEnv}) and stores data and its woodpecker log
   * on local disk (an emptyDir, gone with the pod). One image: Milvus. For fast first samples also
   * scrape more often, e.g. {@code
   * withServiceMonitorInterval(Duration.ofSeconds(5)).withScrapeTimeout(Duration.ofSeconds(4))}.
   * Not for data that must survive a pod restart.
   */
  ONE_POD(ProfileValues.onePod(), List.of("standalone")),

  /**
   * Milvus in cluster mode, the deployment the Milvus monitoring guide is written for: Deployments
   * mixcoord, proxy, querynode, datanode and streamingnode (one replica each, small requests), one
   * etcd pod and a standalone MinIO; no Pulsar, the streaming node keeps its woodpecker log in
   * MinIO. The chart then renders one ServiceMonitor named {@code <release>-milvus} that selects
   * every component's Service, and each component is scraped as its own target.
   */
  CLUSTER(ProfileValues.cluster(), ProfileValues.CLUSTER_COMPONENTS);

  private final Map<String, Object> chartValues;
  private final List<String> components;

  MilvusProfile(Map<String, Object> chartValues, List<String> components) {
    this.chartValues = Collections.unmodifiableMap(chartValues);
    this.components = List.copyOf(components);
  }

  /**
   * Returns the Milvus components this profile runs, as the chart's {@code component} label (and so
   * the scraped series' {@code component} label) names them: {@code [standalone]}, or {@code
   * [mixcoord, proxy, querynode, datanode, streamingnode]} for {@link #CLUSTER}.
   */
  public List<String> components() {
    return components;
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
      if (name != null
          && profile.name().equals(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'))) {
        return profile;
      }
    }
    List<String> valid =
        Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    throw new IllegalArgumentException(MilvusErrors.unknownProfile(name, valid));
  }
}
