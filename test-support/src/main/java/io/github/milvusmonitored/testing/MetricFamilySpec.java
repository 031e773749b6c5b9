package io.github.milvusmonitored.testing;

import java.util.List;

/**
 * One metric family of the Milvus catalogue: name, type, label names, owning component and when it
 * appears.
 *
 * <p>The label names are those the process itself exposes. They never include the Kubernetes target
 * labels ({@code namespace}, {@code pod}, {@code component}, ...) that Prometheus adds when
 * scraping.
 *
 * @param name family name, e.g. {@code milvus_proxy_req_count}
 * @param type metric type
 * @param labelNames label names in declaration order (for a summary, {@code quantile})
 * @param component the Milvus component that registers the family, e.g. {@code proxy}
 * @param appears when the family first appears in {@code /metrics}, e.g. {@code startup:
 *     pre-created}
 */
public record MetricFamilySpec(
    String name, MetricType type, List<String> labelNames, String component, String appears) {

  public MetricFamilySpec {
    labelNames = List.copyOf(labelNames);
  }

  /** Whether Milvus exposes the family as soon as it has started, before any request. */
  public boolean appearsAtStartup() {
    return appears.startsWith("startup");
  }

  /** Whether Milvus registers the family but never exposes it (in this version). */
  public boolean neverAppears() {
    return appears.startsWith("never");
  }

  /**
   * Whether a standalone Milvus process exposes the family. Standalone runs every role (proxy,
   * mixcoord, querynode, datanode, streamingnode) in one process; only CDC is a separate binary.
   */
  public boolean exposedByStandalone() {
    return exposedBy(MilvusComponents.STANDALONE);
  }

  /**
   * Whether the Milvus process of this component ({@code standalone}, {@code mixcoord}, {@code
   * proxy}, {@code querynode}, {@code datanode} or {@code streamingnode}, as the chart's {@code
   * component} label names them) exposes the family: e.g. {@code milvus_rootcoord_proxy_num} only
   * on mixcoord, {@code milvus_proxy_req_count} only on proxy, {@code go_goroutines} on every
   * process.
   *
   * @throws IllegalArgumentException naming the valid components for any other name
   */
  public boolean exposedBy(String process) {
    return MilvusComponents.exposes(MilvusComponents.require(process), component);
  }

  /**
   * The label names a caller sets on a sample; a summary's {@code quantile} is set by the summary
   * itself.
   */
  public List<String> settableLabelNames() {
    return type == MetricType.SUMMARY
        ? labelNames.stream().filter(l -> !l.equals("quantile")).toList()
        : labelNames;
  }
}
