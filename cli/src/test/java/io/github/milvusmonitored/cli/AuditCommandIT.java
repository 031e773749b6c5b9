package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code audit} command against a real Prometheus scraping the Milvus test exporter. */
class AuditCommandIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV = PrometheusWithMilvusExporter.builder().build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void scraped() {
    ENV.awaitFirstScrape();
  }

  @Test
  void audits_the_dashboard_prints_the_empty_panels_and_writes_the_report(@TempDir Path folder)
      throws Exception {
    int code =
        run(
            "audit",
            "--prometheus=" + ENV.prometheus().baseUri(),
            "--dashboard=classpath:/dashboards/audit-features.json",
            "--range=1m",
            "--scrape-interval=1s",
            "--report=" + folder);

    assertThat(code).as(err()).isEqualTo(4);
    assertThat(out())
        .startsWith("Dashboard 'Audit features' vs milvus/my-release: 14 panels, ")
        .contains(
            "\n  UNKNOWN_METRIC  Empty on purpose / Has collection (renamed)  (never ingested:"
                + " milvus_rootcoord_has_collection_total)\n")
        .contains(
            "\n  ERROR  Empty on purpose / Bad PromQL  (never ingested: milvus_proxy_req_count)\n")
        .contains(
            "Report: "
                + folder.resolve("dashboard-audit.html").toAbsolutePath()
                + " and "
                + folder.resolve("dashboard-audit.md").toAbsolutePath());
    assertThat(folder.resolve("dashboard-audit.html")).isRegularFile();
  }

  @Test
  void an_unreadable_dashboard_fails_with_its_reason(@TempDir Path folder) throws Exception {
    int code =
        run(
            "audit",
            "--prometheus=" + ENV.prometheus().baseUri(),
            "--dashboard=" + folder.resolve("nope.json"));

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("Cannot read the dashboard from file " + folder.resolve("nope.json") + ": ");
  }

  @Test
  void a_bad_option_is_a_usage_error() throws Exception {
    assertThat(run("audit", "--bogus=1")).isEqualTo(2);
    assertThat(err())
        .startsWith("Unknown option '--bogus=1' for 'audit'. Valid options: --prometheus=<URL>,");
    assertThat(run("audit", "--range=soon")).isEqualTo(2);
    assertThat(err())
        .startsWith(
            "Invalid value 'soon' for --range: it is not a duration; give one such as 15m, 1h"
                + " or 30s (Grafana's units: ms, s, m, h, d, w, y).\nRun 'audit --help' for the usage.\n");
    assertThat(run("audit", "--help")).isZero();
    assertThat(out())
        .startsWith("Usage: java -jar milvus-monitored-cli-")
        .contains(" audit [options]\n")
        .contains("  -h, --help ")
        .contains("  --debug ");
  }

  private int run(String... args) throws InterruptedException {
    out.reset();
    err.reset();
    return MilvusMonitoredCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
