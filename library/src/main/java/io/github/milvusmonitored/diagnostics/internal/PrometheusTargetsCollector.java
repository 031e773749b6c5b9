package io.github.milvusmonitored.diagnostics.internal;

import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.ServiceMonitorSelection;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.Targets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code prometheus-targets.txt}: active targets, dropped counts, scrape pools, Milvus
 * verdict.
 */
public final class PrometheusTargetsCollector {

  private final PrometheusClient prometheus;
  private final MilvusSelector release;
  private final List<String> components;
  private final DiagnosticsContext context;
  private ServiceMonitorSelection selection;

  public PrometheusTargetsCollector(
      PrometheusClient prometheus, MilvusSelector release, DiagnosticsContext context) {
    this(prometheus, release, List.of(), context);
  }

  /** With {@code components}, also writes the status of each component's target. */
  public PrometheusTargetsCollector(
      PrometheusClient prometheus,
      MilvusSelector release,
      List<String> components,
      DiagnosticsContext context) {
    this.prometheus = prometheus;
    this.release = release;
    this.components = List.copyOf(components);
    this.context = context;
  }

  /** Tells "not selected" from "no scrape job" with {@code selection} (may be null). */
  public PrometheusTargetsCollector withServiceMonitorSelection(ServiceMonitorSelection selection) {
    this.selection = selection;
    return this;
  }

  public String collect(StepRunner.StepOutput out) {
    if (prometheus == null) {
      return out.fail(DiagnosticsErrors.notConfigured("Prometheus targets", "withPrometheus"))
          + "\n";
    }
    StringBuilder text =
        new StringBuilder("Prometheus at ").append(prometheus.baseUri()).append("\n\n");
    try {
      targets(prometheus.targets(), text);
    } catch (RuntimeException e) {
      text.append("# Active targets\n")
          .append(out.fail(DiagnosticsErrors.couldNotCollect("targets (/api/v1/targets)", e)))
          .append("\n\n");
    }
    text.append("# Scrape pools\n");
    try {
      List<String> pools = prometheus.scrapePools();
      pools.forEach(p -> text.append("  ").append(p).append('\n'));
      text.append(pools.isEmpty() ? "  (none)\n" : "");
    } catch (RuntimeException e) {
      text.append(
              out.fail(DiagnosticsErrors.couldNotCollect("scrape pools (/api/v1/scrape_pools)", e)))
          .append('\n');
    }
    text.append("\n# Milvus target status\n");
    if (release == null) {
      text.append(
              out.fail(
                  DiagnosticsErrors.notConfigured(
                      "the Milvus target status", "withMilvusSelector")))
          .append('\n');
    } else {
      try {
        MilvusMetrics metrics = MilvusMetrics.of(prometheus, release);
        TargetStatus status =
            (selection == null ? metrics : metrics.withServiceMonitorSelection(selection))
                .targetStatus();
        context.targetStatus(status);
        text.append("release ")
            .append(release.instance())
            .append(" in namespace ")
            .append(release.namespace())
            .append(": ")
            .append(status.summary())
            .append('\n');
        if (status.state() == TargetStatus.State.UP) {
          text.append(status.explanation()).append('\n');
        }
        if (!components.isEmpty() && !status.targets().isEmpty()) {
          ComponentTargets byComponent = ComponentTargets.of(release, components, status);
          context.componentTargets(byComponent);
          text.append("\n# Milvus targets by component ")
              .append(components)
              .append('\n')
              .append(byComponent.summary())
              .append('\n');
        }
      } catch (RuntimeException e) {
        text.append(out.fail(DiagnosticsErrors.couldNotCollect("the Milvus target status", e)))
            .append('\n');
      }
    }
    return text.toString();
  }

  private static void targets(Targets targets, StringBuilder text) {
    text.append("# Active targets (").append(targets.active().size()).append(")\n");
    targets.active().stream()
        .sorted(
            Comparator.comparing(Targets.Active::scrapePool)
                .thenComparing(Targets.Active::scrapeUrl))
        .forEach(
            t ->
                text.append(t.health().name().toLowerCase(Locale.ROOT))
                    .append("  ")
                    .append(t.scrapePool())
                    .append("  ")
                    .append(t.scrapeUrl())
                    .append(t.lastError().isEmpty() ? "" : "  lastError=\"" + t.lastError() + "\"")
                    .append("\n    labels ")
                    .append(t.labels())
                    .append('\n'));
    Map<String, Integer> dropped = new TreeMap<>();
    targets
        .dropped()
        .forEach(
            d ->
                dropped.merge(
                    d.scrapePool().isEmpty()
                        ? "(pool not reported by this Prometheus)"
                        : d.scrapePool(),
                    1,
                    Integer::sum));
    text.append("\n# Dropped targets per scrape pool (")
        .append(targets.dropped().size())
        .append(")\n");
    dropped.forEach(
        (pool, n) -> text.append("  ").append(pool).append(": ").append(n).append('\n'));
    text.append('\n');
  }
}
