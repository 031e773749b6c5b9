package io.github.milvusmonitored.metrics;

import java.util.Optional;

/**
 * Tells whether a Prometheus resource selects the release's ServiceMonitor: the answer {@link
 * MilvusMetrics} gives when Prometheus has no job for the release ({@link
 * TargetStatus.State#NOT_SELECTED}). The environment supplies one that reads the cluster; {@link
 * MilvusMetrics#of} alone has none and says {@link TargetStatus.State#NO_SCRAPE_POOL}.
 */
@FunctionalInterface
public interface ServiceMonitorSelection {

  /**
   * Why no Prometheus resource selects the ServiceMonitor of {@code release}: which selector
   * excludes it and which label or namespace label fixes it. Empty when one selects it, when the
   * ServiceMonitor does not exist, or when it cannot be told.
   */
  Optional<String> notSelected(MilvusSelector release);
}
