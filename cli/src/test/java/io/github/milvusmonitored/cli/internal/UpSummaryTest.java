package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpSummaryTest {

  private static final String N = System.lineSeparator();

  @Test
  void prints_kubeconfig_urls_grafana_login_and_the_dashboard_of_the_running_version() {
    UpSummary summary =
        new UpSummary(
            Path.of("/home/u/.cache/milvus-monitored/up/kubeconfig"),
            URI.create("http://127.0.0.1:40001"),
            Optional.of(URI.create("http://127.0.0.1:40002")),
            URI.create("http://127.0.0.1:40003"),
            "v2.6.15",
            Duration.ofMillis(3_450),
            8,
            false,
            false);

    assertThat(summary.format())
        .isEqualTo(
            "Ready after 3.5 s of phases (8 already done)."
                + N
                + N
                + "  kubeconfig  /home/u/.cache/milvus-monitored/up/kubeconfig"
                + N
                + "              export KUBECONFIG=/home/u/.cache/milvus-monitored/up/kubeconfig"
                + N
                + "  Prometheus  http://127.0.0.1:40001"
                + N
                + "  Grafana     http://127.0.0.1:40002   (login admin / admin)"
                + N
                + "              Milvus dashboard: imported and bound to the release (Dashboards > Default);"
                + N
                + "              if it is missing (download failed, see the log), import https://raw.githubusercontent.com/"
                + "milvus-io/milvus/v2.6.15/deployments/monitor/grafana/milvus-dashboard.json"
                + N
                + "              by hand: Dashboards > New > Import, pick the 'prometheus' data source."
                + N
                + "  Milvus      http://127.0.0.1:40003   (gRPC; e.g. ConnectConfig.builder().uri(\"http://127.0.0.1:40003\"))"
                + N
                + N
                + "The port-forwards stay open until Ctrl-C. k3s, kube-prometheus and Milvus stay installed; 'up' again"
                + " reuses them, 'down' removes them."
                + N);
  }

  @Test
  void says_how_to_get_grafana_when_the_stack_is_minimal() {
    UpSummary summary =
        new UpSummary(
            Path.of("k"),
            URI.create("http://127.0.0.1:1"),
            Optional.empty(),
            URI.create("http://127.0.0.1:2"),
            "v2.6.15",
            Duration.ofSeconds(90),
            0,
            false,
            false);

    assertThat(summary.format())
        .contains(
            "  Grafana     not installed with --profile=minimal; run 'down' then 'up --profile=full' to have it")
        .doesNotContain("admin / admin")
        .startsWith("Ready after 90.0 s of phases (0 already done).");
  }

  @Test
  void on_an_existing_cluster_says_that_ctrl_c_removes_what_up_installed_unless_keep() {
    UpSummary removes =
        new UpSummary(
            Path.of("k"),
            URI.create("http://127.0.0.1:1"),
            Optional.empty(),
            URI.create("http://127.0.0.1:2"),
            "v2.6.15",
            Duration.ofSeconds(90),
            0,
            true,
            false);
    UpSummary keeps =
        new UpSummary(
            Path.of("k"),
            URI.create("http://127.0.0.1:1"),
            Optional.empty(),
            URI.create("http://127.0.0.1:2"),
            "v2.6.15",
            Duration.ofSeconds(90),
            0,
            true,
            true);

    assertThat(removes.format())
        .contains("  Grafana     not installed with --profile=minimal" + N)
        .endsWith(
            N
                + "The port-forwards stay open until Ctrl-C. Then what this 'up' installed is removed from the"
                + " cluster; what was there before stays (--keep leaves everything)."
                + N);
    assertThat(keeps.format())
        .endsWith(
            N
                + "The port-forwards stay open until Ctrl-C. What this 'up' installed stays"
                + " on the cluster (--keep)."
                + N);
  }
}
