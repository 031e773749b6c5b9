package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.prometheus.Labels;
import java.util.List;
import java.util.Objects;

/**
 * Which Milvus release to look at: its namespace and Helm release name, as they appear on every
 * scraped series ({@code namespace}, {@code app_kubernetes_io_instance}).
 *
 * <pre>{@code
 * MilvusSelector release = MilvusSelector.of("milvus", "my-release");
 * String promql = release.select("milvus_proxy_req_count", "status=\"total\"");
 * // milvus_proxy_req_count{namespace="milvus",app_kubernetes_io_instance="my-release",status="total"}
 * }</pre>
 *
 * <p>A target belongs to the release when it carries both labels, or when it is in one of the
 * release's scrape pools ({@link #isScrapePoolOf}); names are compared whole, so release {@code my}
 * never takes the targets or pools of release {@code my-release}.
 *
 * @param namespace the Kubernetes namespace of the release
 * @param instance the Helm release name
 */
public record MilvusSelector(String namespace, String instance) {
  public MilvusSelector {
    requireValue("namespace", namespace);
    requireValue("instance", instance);
  }

  /** The release {@code instance} in {@code namespace}. */
  public static MilvusSelector of(String namespace, String instance) {
    return new MilvusSelector(namespace, instance);
  }

  /** The label matchers that select this release, without braces. */
  public String matchers() {
    return "namespace=\"" + namespace + "\",app_kubernetes_io_instance=\"" + instance + "\"";
  }

  /** {@code metric{<release matchers>,<extra>}}; {@code extra} may be empty. */
  public String select(String metric, String extra) {
    Objects.requireNonNull(metric, "metric");
    String more = extra == null || extra.isBlank() ? "" : "," + extra;
    return metric + "{" + matchers() + more + "}";
  }

  /** {@code metric{<release matchers>}}. */
  public String select(String metric) {
    return select(metric, "");
  }

  /**
   * The names the Milvus chart gives the release's ServiceMonitor: {@code <fullname>-standalone} in
   * standalone mode and {@code <fullname>} in cluster mode, where the full name is the release name
   * plus {@code -milvus}, or the release name alone when it contains "milvus" (a release installed
   * with {@code fullnameOverride} is named differently).
   */
  public List<String> serviceMonitorNames() {
    String fullname = instance.contains("milvus") ? instance : instance + "-milvus";
    return List.of(fullname + "-standalone", fullname);
  }

  /**
   * Whether {@code scrapePool} is the job the Prometheus operator generates for one of the
   * release's ServiceMonitors, {@code serviceMonitor/<namespace>/<name>/<endpoint index>}, compared
   * exactly.
   */
  public boolean isScrapePoolOf(String scrapePool) {
    String[] parts = scrapePool == null ? new String[0] : scrapePool.split("/", -1);
    return parts.length == 4
        && parts[0].equals("serviceMonitor")
        && parts[1].equals(namespace)
        && serviceMonitorNames().contains(parts[2])
        && parts[3].matches("[0-9]+");
  }

  /** Whether a series or target carries this release's labels. */
  public boolean matches(Labels labels) {
    return labels.find("namespace").filter(namespace::equals).isPresent()
        && labels.find("app_kubernetes_io_instance").filter(instance::equals).isPresent();
  }

  private static void requireValue(String what, String value) {
    if (value == null || value.isBlank() || value.contains("\"") || value.contains("\\")) {
      throw new IllegalArgumentException(
          "Milvus "
              + what
              + " must be a non-blank Kubernetes name, got '"
              + value
              + "'. Example: MilvusSelector.of(\"milvus\", \"my-release\").");
    }
  }
}
