package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.prometheus.Targets;
import java.util.List;

/**
 * Whether Prometheus scrapes a Milvus release, and if not, why.
 *
 * @param state the verdict
 * @param targets the release's active targets (empty unless discovered)
 * @param scrapePools the release's scrape pools (jobs), matched by the chart's ServiceMonitor names
 * @param explanation what it means and what to do, in one paragraph
 */
public record TargetStatus(
    State state, List<Targets.Active> targets, List<String> scrapePools, String explanation) {
  public TargetStatus {
    targets = List.copyOf(targets);
    scrapePools = List.copyOf(scrapePools);
  }

  /** The possible verdicts, from worst to best. */
  public enum State {
    /**
     * No scrape job of the release anywhere in Prometheus: the ServiceMonitor was not picked up.
     */
    NO_SCRAPE_POOL,
    /**
     * No scrape job of the release, and its ServiceMonitor exists but no Prometheus resource's
     * serviceMonitorSelector and serviceMonitorNamespaceSelector select it (the explanation names
     * the selector and the label that fixes it).
     */
    NOT_SELECTED,
    /**
     * The release's job exists (listed as a pool or only configured) but discovery found nothing:
     * the RBAC symptom.
     */
    NO_ACTIVE_TARGETS,
    /** Discovery found the Service but relabelling dropped it: selector or port mismatch. */
    DROPPED,
    /** Discovered, but no scrape succeeded yet or the last one failed. */
    DOWN,
    /** Discovered and the last scrape succeeded. */
    UP
  }

  /** Whether the target is discovered (up or down). */
  public boolean isDiscovered() {
    return state == State.UP || state == State.DOWN;
  }

  /** Whether every discovered target of the release is up. */
  public boolean isUp() {
    return state == State.UP;
  }

  /** One line per target with health and last error, or the explanation when there is none. */
  public String summary() {
    if (targets.isEmpty()) {
      return state + ": " + explanation;
    }
    StringBuilder out = new StringBuilder(state.toString());
    targets.forEach(t -> out.append("\n    ").append(t.describe()));
    if (state != State.UP) {
      out.append("\n    ").append(explanation);
    }
    return out.toString();
  }
}
