package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.dashboard.DashboardAuditor;
import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.dashboard.GrafanaDashboard;
import io.github.milvusmonitored.dashboard.PanelAudit;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code audit}: audits a Grafana dashboard (Milvus's official one for the image tag unless {@code
 * --dashboard} names another) against a running environment's Prometheus, writes the Markdown and
 * HTML report, prints the summary and the panels without data.
 *
 * <p>Exit codes: 0 every panel shows data, 4 some do not (see the report), 1 the audit could not
 * run (dashboard unavailable, Prometheus unreachable), 2 bad command line.
 */
public final class AuditCommand {

  /** Exit code when the audit ran and found panels without data. */
  public static final int PANELS_WITHOUT_DATA = 4;

  static final List<String> OPTIONS =
      List.of(
          "--prometheus=<URL>",
          "--namespace=<namespace>",
          "--release=<name>",
          "--image-tag=<Milvus image tag>",
          "--dashboard=<file|classpath:resource|URL>",
          "--range=<duration>",
          "--scrape-interval=<duration>",
          "--report=<folder>",
          "--help");

  /** Runs {@code audit} with the arguments after the command name; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    CommandOptions o = CommandOptions.parse(args, "audit", OPTIONS, List.of());
    if (o.help()) {
      out.print(usage());
      return CliTexts.DONE;
    }
    String imageTag = o.get("--image-tag", MilvusReleaseConfig.DEFAULT_IMAGE_TAG);
    DashboardSource source;
    String dashboard = o.get("--dashboard", null);
    try {
      source =
          dashboard != null
              ? DashboardSource.parse(dashboard)
              : DashboardSource.officialMilvus(imageTag);
    } catch (IllegalArgumentException | DashboardException e) {
      throw new CliUsageException(
          CliTexts.invalidValue(
              dashboard != null ? "--dashboard" : "--image-tag",
              dashboard != null ? dashboard : imageTag,
              e.getMessage()));
    }
    URI prometheus =
        OptionValues.httpUrl("--prometheus", o.get("--prometheus", "http://localhost:9090"));
    DashboardAuditor auditor;
    try {
      auditor =
          DashboardAuditor.create(
              PrometheusClient.create(prometheus),
              MilvusSelector.of(o.get("--namespace", "milvus"), o.get("--release", "my-release")));
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(
          e.getMessage() + " Check --prometheus, --namespace and --release.");
    }
    if (o.get("--image-tag", null) != null) {
      // The tag the user names is the Milvus that runs: explain empty panels with its catalogue.
      auditor = withValue(auditor, "--image-tag", imageTag, a -> a.withImageTag(imageTag));
    }
    String range = o.get("--range", null);
    if (range != null) {
      Duration d = duration(range, "--range");
      auditor = withValue(auditor, "--range", range, a -> a.withTimeRange(d));
    }
    String interval = o.get("--scrape-interval", null);
    if (interval != null) {
      Duration d = duration(interval, "--scrape-interval");
      auditor = withValue(auditor, "--scrape-interval", interval, a -> a.withScrapeInterval(d));
    }
    Path report = OptionValues.writableFolder("--report", o.get("--report", "dashboard-audit"));
    DashboardAudit audit;
    try {
      audit = auditor.audit(GrafanaDashboard.load(source));
    } catch (DashboardException | PrometheusException e) {
      throw new CommandFailure(CauseChain.describe(e), e);
    }
    Path html;
    try {
      html = audit.writeReport(report);
    } catch (UncheckedIOException e) {
      throw new CommandFailure(
          CliTexts.reportNotWritten("--report", report, CauseChain.describe(e)), e);
    }
    out.println(audit.summary());
    for (PanelAudit p : audit.panelsWithoutData()) {
      out.println(
          "  "
              + p.state()
              + "  "
              + p.path()
              + (p.unknownMetrics().isEmpty()
                  ? ""
                  : "  (never ingested: " + String.join(", ", p.unknownMetrics()) + ")"));
    }
    out.println(
        "Report: "
            + html.toAbsolutePath()
            + " and "
            + report.resolve(DashboardAudit.MARKDOWN_FILE).toAbsolutePath());
    return audit.panelsWithoutData().isEmpty() && !audit.panels().isEmpty()
        ? 0
        : PANELS_WITHOUT_DATA;
  }

  /**
   * Applies one option to the auditor; the library's refusal of its value becomes a usage error
   * naming it.
   */
  private static DashboardAuditor withValue(
      DashboardAuditor auditor,
      String option,
      String value,
      UnaryOperator<DashboardAuditor> apply) {
    try {
      return apply.apply(auditor);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(CliTexts.invalidValue(option, value, e.getMessage()));
    }
  }

  private static Duration duration(String value, String option) {
    Duration parsed;
    try {
      parsed = DashboardAuditor.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(
          CliTexts.invalidValue(
              option,
              value,
              "it is not a duration; give one such as"
                  + " 15m, 1h or 30s (Grafana's units: ms, s, m, h, d, w, y)."));
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw new CliUsageException(
          CliTexts.invalidValue(
              option, value, "it must be longer than 0s; give one such as" + " 15m, 1h or 30s."));
    }
    return parsed;
  }

  static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: " + CliTexts.command() + " audit [options]",
        "",
        "Audits a Grafana dashboard against the Prometheus of a running environment: which panels show data for",
        "the Milvus release, and why the others do not. Writes dashboard-audit.html and dashboard-audit.md.",
        "Options (--name=value or --name value):",
        "  --prometheus=<URL>             Prometheus to ask (default http://localhost:9090; 'up' prints its URL)",
        "  --namespace=<namespace>        namespace of the Milvus release (default milvus)",
        "  --release=<name>               Helm release name (default my-release)",
        "  --image-tag=<Milvus image tag> audit Milvus's official dashboard of this tag (default v2.6.24),",
        "                                 downloaded once into ~/.cache/milvus-monitored/milvus-dashboard/<tag>/;",
        "                                 given, empty panels are explained for that release (else the release is",
        "                                 read from milvus_build_info or the shape of its metrics)",
        "  --dashboard=<file|classpath:resource|URL>  audit this dashboard instead (offline: the official file)",
        "  --range=<duration>             window to evaluate (default: the dashboard's own, else 15m)",
        "  --scrape-interval=<duration>   the data source's scrape interval for $__rate_interval (default 15s)",
        "  --report=<folder>              where the report goes (default ./dashboard-audit); created first",
        "  -h, --help                     print this text",
        CliTexts.DEBUG_OPTION,
        "Exit codes: 0 every panel shows data, 4 some do not, 1 the audit could not run, 2 bad command line.",
        "");
  }
}
