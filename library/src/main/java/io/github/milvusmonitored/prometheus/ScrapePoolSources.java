package io.github.milvusmonitored.prometheus;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The scrape pools (jobs) Prometheus knows, by where they were seen: no single endpoint has them
 * all on every version.
 *
 * @param listed the pools of {@code /api/v1/scrape_pools} (empty on servers without that endpoint)
 * @param configured the jobs of the loaded configuration, {@code /api/v1/status/config}
 * @param withTargets the pools named by active or dropped targets, {@code /api/v1/targets}
 */
public record ScrapePoolSources(
    Set<String> listed, Set<String> configured, Set<String> withTargets) {
  public ScrapePoolSources {
    listed = Set.copyOf(listed);
    configured = Set.copyOf(configured);
    withTargets = Set.copyOf(withTargets);
  }

  /** Every pool from every source, sorted. */
  public SortedSet<String> all() {
    SortedSet<String> all = new TreeSet<>(listed);
    all.addAll(configured);
    all.addAll(withTargets);
    return all;
  }

  /**
   * The pools Prometheus knows from {@code /api/v1/targets}, gathered from active and dropped
   * targets.
   */
  public static Set<String> of(Targets targets) {
    Set<String> pools = new TreeSet<>();
    targets.active().forEach(t -> pools.add(t.scrapePool()));
    // Before 2.46 a dropped target names no pool; its discovered labels still carry the job name.
    targets
        .dropped()
        .forEach(
            d ->
                pools.add(
                    d.scrapePool().isEmpty()
                        ? d.discoveredLabels().find("job").orElse("")
                        : d.scrapePool()));
    pools.remove("");
    return pools;
  }
}
