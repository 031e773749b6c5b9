package io.github.milvusmonitored.milvus;

import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.milvus.internal.ValuesFiles;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final Helm values of a Milvus release, and the names its resources will have.
 *
 * <p>Layers, each merged over the one before (maps deep-merged, lists replaced): the profile; the
 * monitoring settings ({@code metrics.enabled}, {@code metrics.serviceMonitor.enabled}, {@code
 * .interval}, {@code .scrapeTimeout}) and {@code image.all.tag}; the user's values files in order;
 * the user's values map. The values are always handed to Helm as a file, since helm-java cannot
 * pass lists with {@code set()}. Example:
 *
 * <pre>{@code
 * MilvusValues values = MilvusValues.of(MilvusReleaseConfig.defaults());
 * values.names().serviceMonitorName();   // "my-release-milvus-standalone"
 * }</pre>
 *
 * @param tree the merged values
 * @param names the names the chart will give the release's resources
 * @param serviceMonitorInterval the ServiceMonitor interval in effect, as Prometheus writes it
 * @param scrapeTimeout the ServiceMonitor scrape timeout in effect, as Prometheus writes it
 */
public record MilvusValues(
    Map<String, Object> tree,
    MilvusReleaseNames names,
    String serviceMonitorInterval,
    String scrapeTimeout) {

  /** Keeps the tree read-only. */
  public MilvusValues {
    tree = Collections.unmodifiableMap(ValuesMerge.copy(tree));
  }

  /**
   * Merges the values of a configuration and checks that they still enable the ServiceMonitor.
   *
   * @throws IllegalArgumentException when a values file cannot be read, or the user values switch
   *     the metrics or the ServiceMonitor off, or make the scrape timeout reach the interval
   */
  public static MilvusValues of(MilvusReleaseConfig config) {
    Map<String, Object> tree = config.profile().chartValues();
    tree = ValuesMerge.merge(tree, managedValues(config));
    for (Path file : config.userValuesFiles()) {
      tree = ValuesMerge.merge(tree, ValuesFiles.read(file));
    }
    tree = ValuesMerge.merge(tree, config.userValues());
    requireSwitchedOn(tree, "metrics.enabled");
    requireSwitchedOn(tree, "metrics.serviceMonitor.enabled");
    String interval = String.valueOf(ValuesMerge.lookup(tree, "metrics.serviceMonitor.interval"));
    String timeout =
        String.valueOf(ValuesMerge.lookup(tree, "metrics.serviceMonitor.scrapeTimeout"));
    Duration intervalDuration = MonitoredDuration.parse(interval).toDuration();
    if (MonitoredDuration.parse(timeout).toDuration().compareTo(intervalDuration) >= 0) {
      throw new IllegalArgumentException(
          MilvusErrors.scrapeTimeoutNotBelowInterval(timeout, interval));
    }
    MilvusReleaseNames names =
        MilvusReleaseNames.compute(
            config.releaseName(),
            config.namespace(),
            text(ValuesMerge.lookup(tree, "nameOverride")),
            text(ValuesMerge.lookup(tree, "fullnameOverride")),
            Boolean.TRUE.equals(ValuesMerge.lookup(tree, "cluster.enabled")));
    return new MilvusValues(tree, names, interval, timeout);
  }

  /**
   * The dotted keys the user's values set (values files, then {@code withValues}), without their
   * values, for messages: values may hold credentials.
   */
  public static List<String> userKeys(MilvusReleaseConfig config) {
    Map<String, Object> user = new LinkedHashMap<>();
    for (Path file : config.userValuesFiles()) {
      user = ValuesMerge.merge(user, ValuesFiles.read(file));
    }
    return Redaction.leafPaths(ValuesMerge.merge(user, config.userValues())).stream()
        .sorted()
        .toList();
  }

  /** Returns the values as a Helm values file. */
  public String toYaml() {
    return ValuesFiles.toYaml(tree);
  }

  /** Writes the values file {@code milvus-values.yaml} into a directory and returns its path. */
  public Path writeTo(Path directory) throws IOException {
    return Files.writeString(directory.resolve("milvus-values.yaml"), toYaml());
  }

  private static Map<String, Object> managedValues(MilvusReleaseConfig config) {
    return Map.of(
        "metrics",
            Map.of(
                "enabled",
                true,
                "serviceMonitor",
                Map.of(
                    "enabled", true,
                    "interval",
                        MonitoredDuration.of(config.serviceMonitorInterval()).toPrometheus(),
                    "scrapeTimeout", MonitoredDuration.of(config.scrapeTimeout()).toPrometheus())),
        "image", Map.of("all", Map.of("tag", config.imageTag())));
  }

  private static void requireSwitchedOn(Map<String, Object> tree, String key) {
    Object value = ValuesMerge.lookup(tree, key);
    if (!Boolean.TRUE.equals(value)) {
      throw new IllegalArgumentException(MilvusErrors.monitoringSwitchedOff(key, value));
    }
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
