package io.github.milvusmonitored.milvus.internal;

import java.util.Map;

/**
 * The chart values of each Milvus profile. Keys are those of the Milvus chart (zilliztech/milvus-helm
 * {@code charts/milvus/values.yaml}); the Milvus configuration keys in {@code user.yaml} are those of
 * Milvus's {@code configs/milvus.yaml}.
 */
public final class ProfileValues {

  /**
   * Milvus configuration of the one-pod profile, merged by the chart over its generated
   * {@code default.yaml}: embedded etcd and local storage (the settings of Milvus's
   * {@code standalone_embed.sh}: {@code ETCD_USE_EMBED}, {@code ETCD_DATA_DIR},
   * {@code COMMON_STORAGETYPE=local}), and woodpecker writing to the local disk instead of MinIO.
   */
  public static final String ONE_POD_USER_YAML = """
      etcd:
        use:
          embed: true
        data:
          dir: /var/lib/milvus/etcd
      common:
        storageType: local
      localStorage:
        path: /var/lib/milvus/data/
      mq:
        type: woodpecker
      woodpecker:
        storage:
          type: local
          rootPath: /var/lib/milvus/woodpecker
      """;

  private ProfileValues() {
  }

  /** One Milvus standalone pod, one etcd pod, a standalone MinIO; no Pulsar. */
  public static Map<String, Object> standalone() {
    return ValuesMerge.merge(Map.of(
        "cluster", Map.of("enabled", false),
        "etcd", Map.of("replicaCount", 1),
        "minio", Map.of("mode", "standalone"),
        "pulsarv3", Map.of("enabled", false),
        "standalone", Map.of("messageQueue", "woodpecker")), fastProbes());
  }

  /**
   * One Milvus pod and nothing else: etcd, MinIO and Pulsar sub-charts disabled, Milvus's embedded
   * etcd and local storage, data in an emptyDir (no volume claim to provision or to leave behind).
   */
  public static Map<String, Object> onePod() {
    return ValuesMerge.merge(Map.of(
        "cluster", Map.of("enabled", false),
        "etcd", Map.of("enabled", false),
        "minio", Map.of("enabled", false),
        "pulsarv3", Map.of("enabled", false),
        "standalone", Map.of("messageQueue", "woodpecker", "persistence", Map.of("enabled", false)),
        "extraConfigFiles", Map.of("user.yaml", ONE_POD_USER_YAML)), fastProbes());
  }

  /**
   * Probe timing for tests. The chart waits 90 s before the first readiness check; Milvus answers
   * {@code /healthz} once started, so readiness is checked from 5 s every 5 s. Liveness starts at
   * 60 s: with the chart's period (30 s) and failure threshold (5) a slow start still has about
   * three minutes before the kubelet restarts the container.
   */
  public static Map<String, Object> fastProbes() {
    return Map.of(
        "readinessProbe", Map.of("initialDelaySeconds", 5, "periodSeconds", 5),
        "livenessProbe", Map.of("initialDelaySeconds", 60));
  }
}
