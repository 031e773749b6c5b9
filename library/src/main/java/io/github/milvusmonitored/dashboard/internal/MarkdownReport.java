package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.PanelAudit;
import io.github.milvusmonitored.dashboard.QueryAudit;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.dashboard.ResolvedVariable;
import java.util.List;
import java.util.Objects;

/** The audit as Markdown: header, variables, the panels without data, then every row and panel. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(DashboardAudit audit) {
    StringBuilder md = new StringBuilder();
    md.append("# Dashboard audit: ").append(audit.dashboard().title()).append("\n\n");
    header(audit).forEach(line -> md.append("- ").append(line).append('\n'));
    md.append('\n');
    if (audit.panels().isEmpty()) {
      md.append(
              DashboardErrors.noPrometheusPanels(
                  audit.dashboard().title(),
                  audit.dashboard().origin(),
                  audit.dashboard().otherPanels()))
          .append('\n');
      return md.toString();
    }
    if (!audit.variables().isEmpty()) {
      md.append("## Variables\n\n| Variable | Type | Value | Note |\n|---|---|---|---|\n");
      for (ResolvedVariable v : audit.variables()) {
        md.append("| ")
            .append(v.name())
            .append(" | ")
            .append(v.type())
            .append(" | ")
            .append(cell(value(v)))
            .append(" | ")
            .append(cell(note(v)))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!audit.panelsWithoutData().isEmpty()) {
      md.append(
          "## Panels without data\n\n| Panel | State | Missing metrics | Why |\n|---|---|---|---|\n");
      for (PanelAudit p : audit.panelsWithoutData()) {
        md.append("| ")
            .append(cell(p.path()))
            .append(" | ")
            .append(p.state())
            .append(" | ")
            .append(cell(String.join(", ", p.unknownMetrics())))
            .append(" | ")
            .append(cell(firstReason(p)))
            .append(" |\n");
      }
      md.append('\n');
    }
    String row = null;
    for (PanelAudit p : audit.panels()) {
      if (!Objects.equals(row, p.panel().row())) {
        row = p.panel().row();
        md.append("## ").append(row.isEmpty() ? "(no row)" : row).append("\n\n");
      }
      md.append("### ").append(p.panel().title()).append(" — ").append(p.state()).append("\n\n");
      for (QueryAudit q : p.queries()) {
        md.append("- `")
            .append(q.query().refId())
            .append("` ")
            .append(q.state())
            .append(": `")
            .append(q.promql().replace("`", "'").replace("\n", " "))
            .append('`');
        if (q.state() == QueryState.DATA) {
          md.append(" (")
              .append(q.seriesCount())
              .append(q.seriesCount() == 1 ? " series)" : " series)");
        }
        md.append('\n');
        if (!q.error().isEmpty()) {
          md.append("  - Prometheus: ").append(q.error()).append('\n');
        }
        q.reasons().forEach(r -> md.append("  - ").append(r).append('\n'));
      }
      md.append('\n');
    }
    return md.toString();
  }

  static List<String> header(DashboardAudit audit) {
    var d = audit.dashboard();
    return List.of(
        "Dashboard: "
            + d.origin()
            + (d.uid().isEmpty() ? "" : ", uid " + d.uid())
            + ", schema version "
            + d.schemaVersion(),
        "Release: namespace "
            + audit.release().namespace()
            + ", instance "
            + audit.release().instance()
            + "; Prometheus "
            + audit.prometheus(),
        "Window: " + audit.start() + " to " + audit.end(),
        "Result: " + audit.summary());
  }

  static String firstReason(PanelAudit p) {
    return p.queries().stream()
        .filter(q -> q.state() != QueryState.DATA)
        .map(
            q -> !q.error().isEmpty() ? q.error() : q.reasons().isEmpty() ? "" : q.reasons().get(0))
        .filter(s -> !s.isEmpty())
        .findFirst()
        .orElse("");
  }

  static String note(ResolvedVariable v) {
    String bound = v.bound() ? "bound to the release" : "";
    return bound.isEmpty()
        ? v.problem()
        : v.problem().isEmpty() ? bound : bound + "; " + v.problem();
  }

  static String value(ResolvedVariable v) {
    if (v.isEmpty()) {
      return "(nothing)";
    }
    return v.all() ? "All = " + String.join(", ", v.values()) : String.join(", ", v.values());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
