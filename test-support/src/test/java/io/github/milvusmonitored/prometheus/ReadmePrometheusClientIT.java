package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README's "The Prometheus client on its own" as written, against a real Prometheus: the snippet's
 * lines are README's, and each one runs here.
 */
class ReadmePrometheusClientIT {

  @RegisterExtension
  static final PrometheusWithMilvusExporter ENV = PrometheusWithMilvusExporter.builder().build();

  private static final String SNIPPET =
      """
      PrometheusClient prometheus = PrometheusClient.builder(URI.create("http://localhost:9090"))
          .withRequestTimeout(MonitoredDuration.parse("15s").toDuration())
          .build();
      prometheus.awaitReady(Duration.ofSeconds(30));                 // waits out the start-up 503s
      InstantVector up = prometheus.query("up");
      up.samples().forEach(s -> System.out.println(s.labels() + " " + s.value()));
      System.out.println(prometheus.targets().active().size() + " active targets, "
          + prometheus.buildInfo().version());
      """;

  @Test
  void the_readme_snippet_is_the_one_run_here() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("### The Prometheus client on its own"));
    assertThat(section).contains(SNIPPET);
  }

  @Test
  void the_readme_snippet_runs_against_a_real_prometheus() {
    ENV.awaitFirstScrape();
    URI base = ENV.prometheus().baseUri();
    List<String> printed = new ArrayList<>();

    PrometheusClient prometheus =
        PrometheusClient.builder(base)
            .withRequestTimeout(MonitoredDuration.parse("15s").toDuration())
            .build();
    prometheus.awaitReady(Duration.ofSeconds(30));
    InstantVector up = prometheus.query("up");
    up.samples().forEach(s -> printed.add(s.labels() + " " + s.value()));
    printed.add(
        prometheus.targets().active().size()
            + " active targets, "
            + prometheus.buildInfo().version());

    assertThat(printed).isNotEmpty();
    assertThat(printed.get(0)).contains("job=").endsWith(" 1.0");
    assertThat(printed.get(printed.size() - 1))
        .matches("\\d+ active targets, [23]\\.\\d+\\.\\d+.*");
  }
}
