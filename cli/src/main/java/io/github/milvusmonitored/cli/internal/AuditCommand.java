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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, String> o = new LinkedHashMap<>();
    o.put("--prometheus", "http://localhost:9090");
    o.put("--namespace", "milvus");
    o.put("--release", "my-release");
    o.put("--image-tag", MilvusReleaseConfig.DEFAULT_IMAGE_TAG);
    o.put("--report", "dashboard-audit");
    DashboardAuditor auditor;
    DashboardSource source;
    Path report;
    try {
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          out.print(usage());
          return 0;
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (OPTIONS.stream().noneMatch(v -> v.startsWith(name + "="))) {
          throw new CliUsageException(CliTexts.unknownOption(arg, "audit", OPTIONS));
        }
        String value = eq < 0 ? "" : arg.substring(eq + 1).strip();
        if (value.isEmpty()) {
          throw new CliUsageException(CliTexts.missingValue(name));
        }
        o.put(name, value);
      }
      source =
          o.containsKey("--dashboard")
              ? DashboardSource.parse(o.get("--dashboard"))
              : DashboardSource.officialMilvus(o.get("--image-tag"));
      auditor =
          DashboardAuditor.create(
              PrometheusClient.create(URI.create(o.get("--prometheus"))),
              MilvusSelector.of(o.get("--namespace"), o.get("--release")));
      if (args.stream().anyMatch(a -> a.startsWith("--image-tag="))) {
        // The tag the user names is the Milvus that runs: explain empty panels with its catalogue.
        auditor = auditor.withImageTag(o.get("--image-tag"));
      }
      if (o.containsKey("--range")) {
        auditor = auditor.withTimeRange(duration(o.get("--range"), "--range"));
      }
      if (o.containsKey("--scrape-interval")) {
        auditor =
            auditor.withScrapeInterval(duration(o.get("--scrape-interval"), "--scrape-interval"));
      }
      report = Path.of(o.get("--report"));
    } catch (CliUsageException | IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println("Run 'audit --help' for the usage.");
      return 2;
    }
    DashboardAudit audit;
    try {
      audit = auditor.audit(GrafanaDashboard.load(source));
    } catch (DashboardException | PrometheusException e) {
      err.println(e.getMessage());
      return 1;
    }
    Path html = audit.writeReport(report);
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

  private static Duration duration(String value, String option) {
    try {
      return DashboardAuditor.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(
          "Option " + option + " needs a duration such as 15m or 30s, got '" + value + "'.");
    }
  }

  static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: MilvusMonitoredCli audit [options]",
        "",
        "Audits a Grafana dashboard against the Prometheus of a running environment: which panels show data for",
        "the Milvus release, and why the others do not. Writes dashboard-audit.html and dashboard-audit.md.",
        "Options:",
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
        "  --report=<folder>              where the report goes (default ./dashboard-audit)",
        "Exit codes: 0 every panel shows data, 4 some do not, 1 the audit could not run, 2 bad command line.",
        "");
  }
}
