package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.PanelAudit;
import io.github.milvusmonitored.dashboard.QueryAudit;
import io.github.milvusmonitored.dashboard.QueryState;
import io.github.milvusmonitored.dashboard.ResolvedVariable;
import io.github.milvusmonitored.prometheus.RangeSeries;
import java.util.Locale;
import java.util.Objects;

/** The audit as one HTML page without external resources: inline CSS and one SVG per series. */
public final class HtmlReport {

  private static final String CSS =
      "body{font-family:sans-serif;margin:2em;max-width:1100px}"
          + "code{background:#f4f4f4;padding:1px 3px;word-break:break-all}table{border-collapse:collapse}"
          + "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}"
          + ".panel{border:1px solid #ddd;margin:.6em 0;padding:.4em .8em}.state{font-weight:bold;padding:0 .4em}"
          + ".DATA{color:#1a7f37}.NO_DATA{color:#9a6700}.UNKNOWN_METRIC{color:#cf222e}.ERROR{color:#cf222e}"
          + ".series{display:flex;align-items:center;gap:.6em;font-size:12px}";

  private HtmlReport() {}

  public static String render(DashboardAudit audit) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Dashboard audit: ")
        .append(escape(audit.dashboard().title()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n")
        .append("<h1>Dashboard audit: ")
        .append(escape(audit.dashboard().title()))
        .append("</h1>\n<ul>");
    MarkdownReport.header(audit)
        .forEach(line -> h.append("<li>").append(escape(line)).append("</li>"));
    h.append("</ul>\n");
    if (audit.panels().isEmpty()) {
      h.append("<p>")
          .append(
              escape(
                  DashboardErrors.noPrometheusPanels(
                      audit.dashboard().title(),
                      audit.dashboard().origin(),
                      audit.dashboard().otherPanels())))
          .append("</p></body></html>\n");
      return h.toString();
    }
    if (!audit.variables().isEmpty()) {
      h.append(
          "<h2>Variables</h2><table><tr><th>Variable</th><th>Type</th><th>Value</th><th>Note</th></tr>\n");
      for (ResolvedVariable v : audit.variables()) {
        h.append("<tr><td>")
            .append(escape(v.name()))
            .append("</td><td>")
            .append(escape(v.type()))
            .append("</td><td>")
            .append(escape(MarkdownReport.value(v)))
            .append("</td><td>")
            .append(escape(MarkdownReport.note(v)))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    String row = null;
    for (PanelAudit p : audit.panels()) {
      if (!Objects.equals(row, p.panel().row())) {
        row = p.panel().row();
        h.append("<h2>").append(escape(row.isEmpty() ? "(no row)" : row)).append("</h2>\n");
      }
      h.append("<div class=\"panel\" id=\"")
          .append(escape(p.path()))
          .append("\"><h3>")
          .append(escape(p.panel().title()))
          .append(" <span class=\"state ")
          .append(p.state())
          .append("\">")
          .append(p.state())
          .append("</span></h3>\n");
      if (!p.unknownMetrics().isEmpty()) {
        h.append("<p>Missing metrics: ")
            .append(escape(String.join(", ", p.unknownMetrics())))
            .append("</p>\n");
      }
      for (QueryAudit q : p.queries()) {
        query(h, audit, q);
      }
      h.append("</div>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void query(StringBuilder h, DashboardAudit audit, QueryAudit q) {
    h.append("<p><b>")
        .append(escape(q.query().refId()))
        .append("</b> <span class=\"state ")
        .append(q.state())
        .append("\">")
        .append(q.state())
        .append("</span> <code>")
        .append(escape(q.promql()))
        .append("</code>");
    if (q.state() == QueryState.DATA) {
      h.append(
          String.format(
              Locale.ROOT, " %d series, step %ds", q.seriesCount(), q.step().toSeconds()));
    }
    h.append("</p>\n");
    if (!q.error().isEmpty() || !q.reasons().isEmpty()) {
      h.append("<ul>");
      if (!q.error().isEmpty()) {
        h.append("<li>Prometheus: ").append(escape(q.error())).append("</li>");
      }
      q.reasons().forEach(r -> h.append("<li>").append(escape(r)).append("</li>"));
      h.append("</ul>\n");
    }
    for (RangeSeries s : q.series()) {
      h.append("<div class=\"series\">")
          .append(Sparkline.render(s, audit.start(), audit.end()))
          .append("<code>")
          .append(escape(s.labels().toString()))
          .append("</code> ")
          .append(Sparkline.describe(s))
          .append("</div>\n");
    }
    if (q.seriesCount() > q.series().size()) {
      h.append("<p>... and ")
          .append(q.seriesCount() - q.series().size())
          .append(" more series</p>\n");
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
