package io.github.milvusmonitored.milvus;

/**
 * The Kubernetes names a Milvus release will have, computed the way the chart's templates do.
 *
 * <p>Example: release {@code my-release} gives Service {@code my-release-milvus} and ServiceMonitor
 * {@code my-release-milvus-standalone}; release {@code milvus-it} gives {@code milvus-it} and
 * {@code milvus-it-standalone}, because the chart uses a release name that contains "milvus" as is.
 *
 * @param releaseName Helm release name
 * @param namespace namespace of the release and of its ServiceMonitor
 * @param fullname the chart's {@code milvus.fullname}
 * @param serviceName the Service that exposes port {@code metrics} (standalone, or the proxy in
 *     cluster mode)
 * @param serviceMonitorName name of the ServiceMonitor the chart renders
 * @param jobLabel value of the {@code job} label on scraped series: the Service name, since the
 *     ServiceMonitor sets no jobLabel (in cluster mode the proxy's; see {@link
 *     #serviceName(String)})
 */
public record MilvusReleaseNames(
    String releaseName,
    String namespace,
    String fullname,
    String serviceName,
    String serviceMonitorName,
    String jobLabel) {

  /**
   * Computes the names as the chart does from the release name and the values' overrides.
   *
   * @param nameOverride {@code nameOverride}, empty for none
   * @param fullnameOverride {@code fullnameOverride}, empty for none
   * @param clusterMode {@code cluster.enabled}: the ServiceMonitor is then named after the fullname
   */
  public static MilvusReleaseNames compute(
      String releaseName,
      String namespace,
      String nameOverride,
      String fullnameOverride,
      boolean clusterMode) {
    String fullname;
    if (fullnameOverride != null && !fullnameOverride.isEmpty()) {
      fullname = truncate(fullnameOverride);
    } else {
      String name = nameOverride == null || nameOverride.isEmpty() ? "milvus" : nameOverride;
      fullname =
          releaseName.contains(name) ? truncate(releaseName) : truncate(releaseName + "-" + name);
    }
    String serviceMonitor = clusterMode ? fullname : fullname + "-standalone";
    return new MilvusReleaseNames(
        releaseName, namespace, fullname, fullname, serviceMonitor, fullname);
  }

  /**
   * Returns the Service that exposes one component's metrics port, and so the {@code job} label of
   * its series: the fullname for {@code standalone} and {@code proxy}, {@code
   * <fullname>-<component>} for the other cluster components (e.g. {@code
   * my-release-milvus-querynode}), as chart 5.0.19 names them.
   */
  public String serviceName(String component) {
    return "standalone".equals(component) || "proxy".equals(component)
        ? fullname
        : fullname + "-" + component;
  }

  // Helm's `trunc 63 | trimSuffix "-"`: trims one trailing dash only.
  private static String truncate(String name) {
    String truncated = name.length() > 63 ? name.substring(0, 63) : name;
    return truncated.endsWith("-") ? truncated.substring(0, truncated.length() - 1) : truncated;
  }
}
