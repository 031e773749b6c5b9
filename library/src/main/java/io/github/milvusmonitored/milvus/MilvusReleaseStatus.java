package io.github.milvusmonitored.milvus;

import java.time.ZonedDateTime;

/**
 * What Helm reports about an installed Milvus release.
 *
 * <p>Example: {@code release.status().deployed()}.
 *
 * @param name release name
 * @param namespace release namespace
 * @param status Helm status, e.g. {@code deployed}, {@code failed}, {@code pending-install}
 * @param revision release revision
 * @param chart chart and version, e.g. {@code milvus-5.0.19}
 * @param appVersion the chart's application version
 * @param lastDeployed when the last revision was deployed, or {@code null} when Helm does not say
 */
public record MilvusReleaseStatus(
    String name,
    String namespace,
    String status,
    String revision,
    String chart,
    String appVersion,
    ZonedDateTime lastDeployed) {

  /** Returns whether Helm reports the release as {@code deployed}. */
  public boolean deployed() {
    return "deployed".equalsIgnoreCase(status);
  }
}
