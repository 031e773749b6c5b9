package io.github.milvusmonitored.metrics;

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

  /** Whether a series or target carries this release's labels. */
  public boolean matches(Labels labels) {
    return labels.find("namespace").filter(namespace::equals).isPresent()
        && labels.find("app_kubernetes_io_instance").filter(instance::equals).isPresent();
  }

  private static void requireValue(String what, String value) {
    if (value == null || value.isBlank() || value.contains("\"") || value.contains("\\")) {
      throw new IllegalArgumentException("Milvus " + what + " must be a non-blank Kubernetes name, got '"
          + value + "'. Example: MilvusSelector.of(\"milvus\", \"my-release\").");
    }
  }
}
