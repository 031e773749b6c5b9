package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.assertions.internal.DashboardMessages;
import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.PanelAudit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Assertions on a dashboard audit. Start with {@link MetricAssertions#assertThatDashboard}.
 *
 * <pre>{@code
 * assertThatDashboard(audit)
 *     .allowingNoDataIn("Proxy / Search Latency", "Proxy / Insert Rate")
 *     .hasNoPanelsWithoutData();
 * }</pre>
 *
 * <p>Panels are named {@code "Row / Panel"} (the title alone for a panel outside any row). An
 * allowed panel is excused whatever its state; naming a panel the dashboard does not have fails, so
 * a renamed panel does not silently stay excused.
 */
public final class DashboardAssert {

  private final DashboardAudit audit;
  private final Set<String> allowed;

  DashboardAssert(DashboardAudit audit, Set<String> allowed) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.allowed = Set.copyOf(allowed);
  }

  /** Excuses the panels at these paths ({@code "Row / Panel"}) from having data. */
  public DashboardAssert allowingNoDataIn(String... panelPaths) {
    Set<String> more = new LinkedHashSet<>(allowed);
    List<String> known = audit.panels().stream().map(PanelAudit::path).toList();
    for (String path : panelPaths) {
      if (!known.contains(path)) {
        throw new DashboardAssertionError(
            DashboardMessages.unknownPanel(audit, path, known), audit);
      }
      more.add(path);
    }
    return new DashboardAssert(audit, more);
  }

  /**
   * Fails unless every panel that is not allowed shows data; the message lists each empty panel and
   * why.
   */
  public DashboardAssert hasNoPanelsWithoutData() {
    if (audit.panels().isEmpty()) {
      throw new DashboardAssertionError(DashboardMessages.nothingAudited(audit), audit);
    }
    List<PanelAudit> empty =
        audit.panelsWithoutData().stream().filter(p -> !allowed.contains(p.path())).toList();
    if (!empty.isEmpty()) {
      throw new DashboardAssertionError(
          DashboardMessages.panelsWithoutData(audit, empty, allowed), audit);
    }
    return this;
  }
}
