package io.github.milvusmonitored.milvus.internal;

import java.util.List;
import java.util.Map;

/**
 * The chart values of each Milvus profile. Keys are those of the Milvus chart 5.0.19
 * (zilliztech/milvus-helm {@code charts/milvus/values.yaml} and its etcd and MinIO sub-charts); the
 * Milvus configuration keys in {@code user.yaml} are those of Milvus's {@code configs/milvus.yaml}
 * (read at v2.6.15).
 */
public final class ProfileValues {

  /**
   * Milvus configuration of the one-pod profile, merged by Milvus over the chart's generated {@code
   * default.yaml}: embedded etcd and local storage, the settings of Milvus's {@code
   * scripts/standalone_embed.sh} ({@code ETCD_USE_EMBED}, {@code ETCD_DATA_DIR}, {@code
   * COMMON_STORAGETYPE=local}).
   */
  public static final String ONE_POD_USER_YAML =
      """
      etcd:
        use:
          embed: true
        data:
          dir: /var/lib/milvus/etcd
      common:
        storageType: local
      localStorage:
        path: /var/lib/milvus/data/
      """;

  /**
   * The Milvus workloads of cluster mode on chart 5.0.19, by the chart's {@code component} label.
   */
  public static final List<String> CLUSTER_COMPONENTS =
      List.of("mixcoord", "proxy", "querynode", "datanode", "streamingnode");

  private static final Map<String, Object> SMALL_REQUESTS =
      Map.of("requests", Map.of("cpu", "100m", "memory", "256Mi"));

  private ProfileValues() {}

  /** One Milvus standalone pod, one etcd pod, a standalone MinIO; no Pulsar. */
  public static Map<String, Object> standalone() {
    return ValuesMerge.merge(
        Map.of(
            "cluster", Map.of("enabled", false),
            "etcd", Map.of("replicaCount", 1),
            "minio", Map.of("mode", "standalone"),
            "pulsarv3", Map.of("enabled", false),
            "standalone", Map.of("messageQueue", "woodpecker")),
        fastProbes());
  }

  /**
   * One Milvus pod and nothing else: etcd, MinIO and Pulsar sub-charts disabled, Milvus's embedded
   * etcd and local storage, data in an emptyDir (no volume claim to provision or to leave behind).
   * {@code minio.tls.enabled} is set because the chart's {@code config.tpl} reads it and the key
   * comes from the MinIO sub-chart's values, which are gone once MinIO is disabled. Milvus 2.6
   * refuses embedded etcd ("embedded etcd can not be used under distributed mode") unless the
   * container has {@code DEPLOY_MODE=STANDALONE}.
   */
  public static Map<String, Object> onePod() {
    return ValuesMerge.merge(
        Map.of(
            "cluster", Map.of("enabled", false),
            "etcd", Map.of("enabled", false),
            "minio", Map.of("enabled", false, "tls", Map.of("enabled", false)),
            "pulsarv3", Map.of("enabled", false),
            "streaming", Map.of("woodpecker", Map.of("storage", Map.of("type", "local"))),
            "standalone",
                Map.of(
                    "messageQueue", "woodpecker",
                    "persistence", Map.of("enabled", false),
                    "extraEnv", List.of(Map.of("name", "DEPLOY_MODE", "value", "STANDALONE"))),
            "extraConfigFiles", Map.of("user.yaml", ONE_POD_USER_YAML)),
        fastProbes());
  }

  /**
   * Milvus in cluster mode as the chart deploys it by default, shrunk: mixcoord, proxy, querynode,
   * datanode and streamingnode at one replica each with small requests, no Pulsar (the streaming
   * node writes its woodpecker log to MinIO, the chart's default for 2.6), one etcd pod and a
   * standalone MinIO.
   */
  public static Map<String, Object> cluster() {
    Map<String, Object> oneSmallReplica = Map.of("replicas", 1, "resources", SMALL_REQUESTS);
    return ValuesMerge.merge(
        Map.of(
            "cluster",
            Map.of("enabled", true),
            "etcd",
            Map.of("replicaCount", 1),
            "minio",
            Map.of("mode", "standalone"),
            "pulsarv3",
            Map.of("enabled", false),
            "streaming",
            Map.of(
                "enabled",
                true,
                "woodpecker",
                Map.of("embedded", true, "storage", Map.of("type", "minio"))),
            "mixCoordinator",
            oneSmallReplica,
            "proxy",
            oneSmallReplica,
            "queryNode",
            oneSmallReplica,
            "dataNode",
            oneSmallReplica,
            "streamingNode",
            oneSmallReplica),
        fastProbes());
  }

  /**
   * Probe timing for tests. The chart waits 90 s before the first readiness check of every Milvus
   * container; Milvus answers {@code /healthz} once started, so readiness is checked from 5 s every
   * 5 s. Liveness starts at 60 s: with the chart's period (30 s) and failure threshold (5) a slow
   * start still has about three minutes before the kubelet restarts the container. The etcd
   * sub-chart's readiness check waits 60 s and runs every 20 s; it is checked from 5 s every 5 s
   * (etcd's liveness keeps its 60 s). MinIO's probes already start at 5 s.
   */
  public static Map<String, Object> fastProbes() {
    return Map.of(
        "readinessProbe", Map.of("initialDelaySeconds", 5, "periodSeconds", 5),
        "livenessProbe", Map.of("initialDelaySeconds", 60),
        "etcd", Map.of("readinessProbe", Map.of("initialDelaySeconds", 5, "periodSeconds", 5)));
  }
}
