package io.github.milvusmonitored.dashboard;

import io.github.milvusmonitored.dashboard.internal.DashboardErrors;
import io.github.milvusmonitored.dashboard.internal.HtmlReport;
import io.github.milvusmonitored.dashboard.internal.MarkdownReport;
import io.github.milvusmonitored.metrics.MilvusSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of auditing one dashboard against one Milvus release: each panel's state, and why the
 * empty ones are empty. Write it as Markdown and HTML with {@link #writeReport(Path)}; assert on it
 * with {@code MetricAssertions.assertThatDashboard(audit)}.
 *
 * @param dashboard the audited dashboard
 * @param release the release the variables were bound to
 * @param prometheus the Prometheus that answered
 * @param start the start of the evaluated window
 * @param end the end of the evaluated window
 * @param variables the dashboard's variables as resolved
 * @param panels every Prometheus panel, in dashboard order
 * @param took how long the audit took
 */
public record DashboardAudit(
    GrafanaDashboard dashboard,
    MilvusSelector release,
    URI prometheus,
    Instant start,
    Instant end,
    List<ResolvedVariable> variables,
    List<PanelAudit> panels,
    Duration took) {

  /** The Markdown report's file name. */
  public static final String MARKDOWN_FILE = "dashboard-audit.md";

  /** The HTML report's file name. */
  public static final String HTML_FILE = "dashboard-audit.html";

  public DashboardAudit {
    Objects.requireNonNull(dashboard, "dashboard");
    Objects.requireNonNull(release, "release");
    variables = List.copyOf(variables);
    panels = List.copyOf(panels);
  }

  /** The panels whose state is not {@link QueryState#DATA}. */
  public List<PanelAudit> panelsWithoutData() {
    return panels.stream().filter(p -> p.state() != QueryState.DATA).toList();
  }

  /** How many panels are in {@code state}. */
  public long count(QueryState state) {
    return panels.stream().filter(p -> p.state() == state).count();
  }

  /**
   * The sentence the reports print when the dashboard has no panel with a visible Prometheus query,
   * so there was nothing to audit.
   */
  public String nothingToAuditText() {
    return DashboardErrors.noPrometheusPanels(
        dashboard.title(), dashboard.origin(), dashboard.otherPanels());
  }

  /** How many queries were evaluated. */
  public int queryCount() {
    return panels.stream().mapToInt(p -> p.queries().size()).sum();
  }

  /**
   * One line for the log, e.g. {@code Dashboard 'Milvus' vs milvus/my-release: 40 panels, 31 with
   * data, ...}.
   */
  public String summary() {
    if (panels.isEmpty()) {
      return "Dashboard '"
          + dashboard.title()
          + "' vs "
          + release.namespace()
          + "/"
          + release.instance()
          + ": no Prometheus panel to audit ("
          + dashboard.otherPanels()
          + " other panels)";
    }
    return String.format(
        Locale.ROOT,
        "Dashboard '%s' vs %s/%s: %d panels, %d with data, %d no data, %d unknown metric,"
            + " %d error (%d queries in %.1f s)",
        dashboard.title(),
        release.namespace(),
        release.instance(),
        panels.size(),
        count(QueryState.DATA),
        count(QueryState.NO_DATA),
        count(QueryState.UNKNOWN_METRIC),
        count(QueryState.ERROR),
        queryCount(),
        took.toMillis() / 1000.0);
  }

  /** The report as Markdown. */
  public String toMarkdown() {
    return MarkdownReport.render(this);
  }

  /** The report as one self-contained HTML page with a small chart per series. */
  public String toHtml() {
    return HtmlReport.render(this);
  }

  /**
   * Writes {@value #MARKDOWN_FILE} and {@value #HTML_FILE} into {@code folder} (created if needed).
   *
   * @return the HTML report's path
   */
  public Path writeReport(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(MARKDOWN_FILE), toMarkdown(), StandardCharsets.UTF_8);
      return Files.writeString(folder.resolve(HTML_FILE), toHtml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the dashboard audit report into "
              + folder
              + ": check that the folder is writable.",
          e);
    }
  }
}
