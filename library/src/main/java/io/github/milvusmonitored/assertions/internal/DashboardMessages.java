package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.PanelAudit;
import io.github.milvusmonitored.dashboard.QueryAudit;
import io.github.milvusmonitored.dashboard.QueryState;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The failure messages of dashboard assertions. */
public final class DashboardMessages {

  private DashboardMessages() {}

  public static String panelsWithoutData(
      DashboardAudit audit, List<PanelAudit> empty, Set<String> allowed) {
    StringBuilder out =
        new StringBuilder(
            "Expected every panel of dashboard '"
                + audit.dashboard().title()
                + "' to show data for "
                + audit.release().namespace()
                + "/"
                + audit.release().instance()
                + ", but "
                + empty.size()
                + " of "
                + audit.panels().size()
                + " do not:");
    for (PanelAudit p : empty) {
      out.append("\n  - ").append(p.path()).append(": ").append(p.state());
      if (!p.unknownMetrics().isEmpty()) {
        out.append(" (never ingested: ").append(String.join(", ", p.unknownMetrics())).append(')');
      }
      String why = why(p);
      if (!why.isEmpty()) {
        out.append(" - ").append(why);
      }
    }
    if (!allowed.isEmpty()) {
      out.append("\nAllowed to have no data: ").append(new TreeSet<>(allowed));
    }
    return out.append("\n")
        .append(audit.summary())
        .append(
            "\nExcuse expected gaps with allowingNoDataIn(\"Row / Panel\", ...); the audit's report"
                + " (audit.writeReport(folder)) shows every query, its PromQL and its series.")
        .toString();
  }

  public static String unknownPanel(DashboardAudit audit, String path, List<String> known) {
    return "allowingNoDataIn names '"
        + path
        + "', but dashboard '"
        + audit.dashboard().title()
        + "' has no Prometheus panel at that path. Panels are named \"Row / Panel\"; the dashboard has: "
        + known;
  }

  public static String nothingAudited(DashboardAudit audit) {
    return audit.nothingToAuditText();
  }

  private static String why(PanelAudit p) {
    for (QueryAudit q : p.queries()) {
      if (q.state() != QueryState.DATA) {
        if (!q.error().isEmpty()) {
          return q.query().refId() + ": " + q.error();
        }
        if (!q.reasons().isEmpty()) {
          return q.query().refId() + ": " + q.reasons().get(0);
        }
      }
    }
    return "";
  }
}
