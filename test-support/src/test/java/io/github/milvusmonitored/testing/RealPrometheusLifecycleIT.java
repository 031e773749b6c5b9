package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPrometheusLifecycleIT {

  @TempDir Path temp;

  @Test
  void stop_refuses_connections_and_restart_serves_the_stored_samples_again() throws IOException {
    try (MilvusTestExporter exporter = MilvusTestExporter.builder().start();
        RealPrometheus prometheus =
            RealPrometheus.start(
                PrometheusConfig.builder()
                    .withMilvusTarget(MilvusTarget.standalone(exporter.port()))
                    .build())) {
      prometheus.api().awaitQuery("milvus_build_info", r -> r.size() == 1, Duration.ofSeconds(30));
      URI base = prometheus.baseUri();

      prometheus.stop();
      assertThatThrownBy(() -> new Socket(base.getHost(), base.getPort()).close())
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> prometheus.api().query("up"))
          .hasMessageStartingWith(
              "Cannot reach Prometheus at " + base.resolve("/api/v1/query?query=up"));

      prometheus.restart();
      assertThat(prometheus.baseUri()).isEqualTo(base);
      prometheus.api().awaitQuery("milvus_build_info", r -> r.size() == 1, Duration.ofSeconds(30));
    }
  }

  @Test
  void reload_applies_a_new_configuration_without_restart() {
    try (MilvusTestExporter exporter = MilvusTestExporter.builder().start();
        RealPrometheus prometheus = RealPrometheus.start(PrometheusConfig.builder().build())) {
      assertThat(prometheus.api().query("up")).isEmpty();

      prometheus.reload(
          PrometheusConfig.builder()
              .withMilvusTarget(MilvusTarget.standalone(exporter.port()).withNamespace("vectors"))
              .build());

      prometheus
          .api()
          .awaitQuery("up{namespace=\"vectors\"} == 1", r -> r.size() == 1, Duration.ofSeconds(30));
    }
  }

  @Test
  void fails_with_the_log_tail_when_prometheus_exits_at_startup() throws IOException {
    Path fake =
        Files.writeString(
            temp.resolve("prometheus"),
            "#!/bin/sh\necho 'error loading config: fake failure for the test' >&2\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrometheusLocator locator =
        new PrometheusLocator(Map.of("PROMETHEUS_BIN", fake.toString()), null, () -> false);

    assertThatThrownBy(() -> RealPrometheus.start(PrometheusConfig.builder().build(), locator))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Prometheus exited with code 3 before it was ready.")
        .hasMessageContaining("error loading config: fake failure for the test");
  }
}
