package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.dashboard.DashboardAudit;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command line's {@code audit} against the environment a running {@code up} holds on the lab,
 * each in a JVM of its own as a user runs them: {@code up} prints the Prometheus URL, {@code audit
 * --prometheus=<it>} audits a dashboard file against the real Prometheus 3.12.0 scraping the
 * release through the operator's configuration, and says which panels show data and why the others
 * do not; then SIGTERM stops {@code up} with exit code 143, its shutdown hook removes what it
 * installed, and the cluster is as before ({@link CliUpIT} stops one with Ctrl-C).
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class CliAuditIT {

  private static final Duration AUDIT_DEADLINE = Duration.ofMinutes(1);

  /** The project's test dashboard: one panel per audit feature, some empty on purpose. */
  private static Path dashboard() {
    return Path.of(System.getProperty("lab.home"))
        .resolve("../library/src/test/resources/dashboards/audit-features.json")
        .normalize();
  }

  @Test
  void audit_against_a_running_up_names_the_panels_with_data_and_why_the_others_are_empty(Lab lab)
      throws Exception {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    Path work = Path.of("target", "cli-audit-it");
    Path report = work.resolve("report").toAbsolutePath();
    try (CliProcess up = CliProcess.up(lab, work)) {
      String summary = up.awaitUp();
      URI prometheusUrl = CliProcess.prometheusUrl(summary);
      PrometheusClient prometheus = PrometheusClient.create(prometheusUrl);
      CliProcess.awaitMilvusTargetUp(prometheus, Duration.ofMinutes(1));
      // Traffic through the Milvus endpoint 'up' printed, as a user's client makes it. A real
      // Milvus creates a
      // series of milvus_proxy_req_count at a function's first request, and rate() cannot see a
      // counter's first
      // value: the second insert comes once Prometheus has scraped the first one's series, and a
      // rate over the
      // dashboard's $__rate_interval (4 scrape intervals, 20 s) then needs two scrapes after it.
      try (RealMilvusTraffic traffic =
          RealMilvusTraffic.connect(CliProcess.milvusEndpoint(summary))) {
        traffic.createCollection("books").insert("books", 50);
        awaitSeries(
            prometheus,
            "milvus_proxy_req_count{namespace=\"milvus\", app_kubernetes_io_instance="
                + "\"my-release\", function_name=\"Insert\", status=\"total\"}",
            Duration.ofSeconds(30));
        traffic.insert("books", 50);
      }
      awaitSeries(
          prometheus,
          "rate(milvus_proxy_req_count{namespace=\"milvus\", app_kubernetes_io_instance="
              + "\"my-release\", status=\"total\"}[20s]) > 0",
          Duration.ofSeconds(45));

      int exit;
      String printed;
      try (CliProcess audit =
          CliProcess.start(
              work,
              List.of(
                  "audit",
                  "--prometheus=" + prometheusUrl,
                  "--dashboard=" + dashboard(),
                  "--range=5m",
                  "--scrape-interval=5s",
                  "--report=" + report))) {
        exit = audit.awaitExit(AUDIT_DEADLINE);
        printed = audit.output();
      }

      // What the real Milvus 2.3.5 exposes decides: no milvus_build_info (the audit reads the
      // release from the shape
      // of its metrics and says only the 2.6 catalogues list it), and milvus_proxy_tt_lag_ms is set
      // (2.6.15 never
      // sets it).
      assertThat(exit).as(printed).isEqualTo(4);
      assertThat(printed.lines().filter(l -> l.startsWith("Dashboard ")).toList())
          .as(printed)
          .singleElement()
          .asString()
          .matches(
              "Dashboard 'Audit features' vs milvus/my-release: 14 panels, \\d+ with data,"
                  + " \\d+ no data, 2 unknown metric, 1 error \\(14 queries in \\d+\\.\\d s\\)");
      assertThat(printed)
          .contains("\n  UNKNOWN_METRIC  Build info  (never ingested: milvus_build_info)\n")
          .contains(
              "\n  UNKNOWN_METRIC  Empty on purpose / Has collection (renamed)  (never ingested:"
                  + " milvus_rootcoord_has_collection_total)\n")
          .contains("\n  ERROR  Empty on purpose / Bad PromQL")
          .doesNotContain("  Proxy / Request rate\n", "  Empty on purpose / Time tick lag")
          .contains(
              "Report: "
                  + report.resolve(DashboardAudit.HTML_FILE)
                  + " and "
                  + report.resolve(DashboardAudit.MARKDOWN_FILE));

      assertThat(report.resolve(DashboardAudit.HTML_FILE)).isRegularFile();
      String html =
          Files.readString(report.resolve(DashboardAudit.HTML_FILE), StandardCharsets.UTF_8);
      assertThat(html)
          .contains(
              "Build info", "Has collection (renamed)", "milvus_rootcoord_has_collection_total");
      String markdown =
          Files.readString(report.resolve(DashboardAudit.MARKDOWN_FILE), StandardCharsets.UTF_8);
      assertThat(markdown)
          .contains(
              "### Build info — UNKNOWN_METRIC\n",
              "milvus_build_info has never been ingested by Prometheus: the release scraped here runs Milvus 2.3.5 (from"
                  + " the shape of its metrics: knowhere_* names and no milvus_build_info: a 2.3 release), whose metric"
                  + " catalogue lacks it; the catalogues list it for 2.6.0-2.6.18, 2.6.19, 2.6.20, 2.6.21 and later 2.6"
                  + " releases",
              "### Request rate — DATA\n",
              "### Inserted vectors — DATA\n",
              "### Nodes — DATA\n",
              "### Time tick lag — DATA\n",
              "### Has collection (renamed) — UNKNOWN_METRIC\n",
              "### Search vectors by collection — NO_DATA\n",
              // 2.3.5's catalogue is captured: when a family appears comes from the curated 2.6.15
              // one.
              "| Proxy / Search latency | NO_DATA | milvus_proxy_sq_latency_bucket | milvus_proxy_sq_latency_bucket appears"
                  + " only after traffic (Search/Query), per the Milvus 2.6.15 metric catalogue; the Milvus 2.3.5"
                  + " catalogue, captured after traffic, lists it too |",
              "- Release: namespace milvus, instance my-release; Prometheus " + prometheusUrl);

      up.stopUp("TERM", 15, 143);
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects 'up' left behind after SIGTERM").isEmpty();
    assertThat(before.removed(after)).as("objects 'up' removed that were there before").isEmpty();
  }

  private static void awaitSeries(PrometheusClient prometheus, String promql, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (prometheus.query(promql).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no series for "
                + promql
                + " within "
                + timeout.toSeconds()
                + " s at "
                + prometheus.baseUri());
      }
      LabProcess.sleep(Duration.ofSeconds(1));
    }
  }
}
