package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.metrics.internal.MilvusDiagnosis;
import io.github.milvusmonitored.prometheus.Targets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether Prometheus scrapes each component of a Milvus release, and if not, why. In cluster mode
 * every component (mixcoord, proxy, querynode, datanode, streamingnode) is a target of its own,
 * told apart by the {@code component} label the ServiceMonitor copies from its Service.
 *
 * <pre>{@code
 * ComponentTargets targets = milvus.targetStatusByComponent(MilvusProfile.CLUSTER.components());
 * targets.isUp();        // all five up
 * targets.notUp();       // e.g. [querynode]
 * targets.summary();     // one line per component
 * }</pre>
 *
 * @param byComponent the status of each component, in the order asked for
 */
public record ComponentTargets(Map<String, TargetStatus> byComponent) {
  public ComponentTargets {
    byComponent = Collections.unmodifiableMap(new LinkedHashMap<>(byComponent));
  }

  /**
   * Splits the status of a release ({@link MilvusMetrics#targetStatus()}) by component. With no
   * target at all, every component shares the release's status (the cause is common: no scrape
   * pool, RBAC, a selector mismatch).
   */
  public static ComponentTargets of(
      MilvusSelector release, Collection<String> components, TargetStatus overall) {
    Map<String, TargetStatus> out = new LinkedHashMap<>();
    for (String component : components) {
      if (overall.targets().isEmpty()) {
        out.put(component, overall);
        continue;
      }
      List<Targets.Active> mine =
          overall.targets().stream()
              .filter(t -> t.labels().find("component").filter(component::equals).isPresent())
              .toList();
      List<String> pools = mine.stream().map(Targets.Active::scrapePool).distinct().toList();
      if (mine.isEmpty()) {
        List<String> found =
            overall.targets().stream()
                .map(t -> t.labels().find("component").orElse("?"))
                .distinct()
                .sorted()
                .toList();
        out.put(
            component,
            new TargetStatus(
                TargetStatus.State.NO_ACTIVE_TARGETS,
                List.of(),
                overall.scrapePools(),
                MilvusDiagnosis.componentMissing(release, component, found)));
      } else if (mine.stream().allMatch(t -> t.health() == Targets.Health.UP)) {
        out.put(
            component,
            new TargetStatus(
                TargetStatus.State.UP,
                mine,
                pools,
                MilvusDiagnosis.componentUp(release, component)));
      } else {
        out.put(
            component,
            new TargetStatus(
                TargetStatus.State.DOWN,
                mine,
                pools,
                MilvusDiagnosis.componentDown(release, component)));
      }
    }
    return new ComponentTargets(out);
  }

  /** Whether every component has a target and all of them are up. */
  public boolean isUp() {
    return !byComponent.isEmpty() && byComponent.values().stream().allMatch(TargetStatus::isUp);
  }

  /** The components that are not up, in the order asked for. */
  public List<String> notUp() {
    return byComponent.entrySet().stream()
        .filter(e -> !e.getValue().isUp())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The status of one component. */
  public TargetStatus component(String component) {
    TargetStatus status = byComponent.get(component);
    if (status == null) {
      throw new IllegalArgumentException(
          "Component '" + component + "' was not asked for; known: " + byComponent.keySet() + ".");
    }
    return status;
  }

  /** One block per component: its name, then its {@link TargetStatus#summary()}. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    byComponent.forEach(
        (component, status) ->
            out.append(out.length() == 0 ? "" : "\n")
                .append(component)
                .append(": ")
                .append(status.summary()));
    return out.toString();
  }
}
