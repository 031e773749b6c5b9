package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cli.internal.CliTexts;
import io.github.milvusmonitored.cli.internal.UpSummary;
import io.github.milvusmonitored.metrics.PrometheusClient;
import io.github.milvusmonitored.metrics.Targets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command line's {@code up} on the lab as an existing cluster, in a JVM of its own as a user runs it: it brings
 * kube-prometheus and Milvus up from local files, prints the Prometheus URL whose targets hold the Milvus target UP,
 * and Ctrl-C (SIGINT) stops it within seconds with the JVM's exit code 130, having removed what it installed.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class CliUpIT {

  private static final Duration UP_DEADLINE = Duration.ofMinutes(3);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
  private static final String PROMETHEUS_LINE = "  Prometheus  ";

  @Test
  void up_on_the_lab_serves_the_milvus_target_and_sigint_stops_it_and_removes_what_it_installed(Lab lab)
      throws Exception {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    Path work = Files.createDirectories(Path.of("target", "cli-up-it"));
    Path output = work.resolve("up-output.txt");
    Process up = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + work.resolve("home").toAbsolutePath(),
        "-Dorg.slf4j.simpleLogger.log.io.fabric8=warn",
        "-cp", System.getProperty("java.class.path"),
        "io.github.milvusmonitored.cli.MilvusMonitoredCli", "up",
        "--kubeconfig=" + lab.kubeconfig(),
        "--kube-prometheus=" + LabConfigs.manifests(),
        "--local-chart=" + LabConfigs.chart(),
        "--profile=minimal", "--scrape-interval=5s", "--scrape-timeout=3s"))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      String printed = awaitUp(up, output);
      URI prometheusUrl = URI.create(printed.lines().filter(l -> l.startsWith(PROMETHEUS_LINE)).findFirst()
          .orElseThrow(() -> new AssertionError("no Prometheus URL in:\n" + printed))
          .substring(PROMETHEUS_LINE.length()).strip());
      assertThat(prometheusUrl.getHost()).isEqualTo("127.0.0.1");

      List<GenericKubernetesResource> serviceMonitors = admin
          .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace("milvus").list()
          .getItems();
      assertThat(serviceMonitors).as("the release's ServiceMonitor in namespace milvus").isNotEmpty();
      assertThat(serviceMonitors.get(0).getAdditionalProperties().toString()).contains("interval=5s",
          "scrapeTimeout=3s");

      Targets.Active milvus = awaitMilvusTargetUp(PrometheusClient.create(prometheusUrl), Duration.ofMinutes(1));
      assertThat(milvus.scrapeInterval()).contains(Duration.ofSeconds(5));

      assertThat(ignoresSigint(up.pid())).as("SIGINT is ignored in the 'up' JVM: it inherited that from the shell that"
          + " started Maven (a background job of a non-interactive shell ignores SIGINT, and the JVM keeps it so);"
          + " start Maven in the foreground or from a shell with job control (set -m)").isFalse();
      new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor();
      assertThat(up.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("'up' exits within %s of SIGINT; it printed:%n%s", STOP_DEADLINE, read(output)).isTrue();
      assertThat(up.exitValue()).as(read(output)).isEqualTo(CliTexts.STOPPED_BY_SIGINT);
    } finally {
      if (up.isAlive()) {
        up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects 'up' left behind after SIGINT").isEmpty();
    assertThat(before.removed(after)).as("objects 'up' removed that were there before").isEmpty();
  }

  /** Waits for the summary's last line; fails with what was printed when the process exits or time runs out. */
  private static String awaitUp(Process up, Path output) throws IOException {
    long deadline = System.nanoTime() + UP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      String printed = read(output);
      if (printed.contains(UpSummary.PORT_FORWARDS_OPEN)) {
        return printed;
      }
      if (!up.isAlive()) {
        throw new AssertionError("'up' exited with " + up.exitValue() + " before it was up; it printed:\n" + printed);
      }
      LabProcess.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("'up' was not up within " + UP_DEADLINE + "; it printed:\n" + read(output));
  }

  private static Targets.Active awaitMilvusTargetUp(PrometheusClient prometheus, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Targets targets = prometheus.targets();
    while (true) {
      Optional<Targets.Active> up = targets.active().stream()
          .filter(t -> "milvus".equals(t.labels().find("namespace").orElse(null)))
          .filter(t -> t.health() == Targets.Health.UP).findFirst();
      if (up.isPresent()) {
        return up.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no Milvus target UP within " + timeout + " at " + prometheus.baseUri() + ": "
            + targets.active().stream().map(Targets.Active::describe).toList());
      }
      LabProcess.sleep(Duration.ofSeconds(1));
      targets = prometheus.targets();
    }
  }

  /** Whether the process ignores SIGINT, from the SigIgn mask of {@code /proc/<pid>/status} (bit 1 is SIGINT). */
  private static boolean ignoresSigint(long pid) throws IOException {
    String mask = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring("SigIgn:".length()).strip();
    return (Long.parseUnsignedLong(mask, 16) & (1L << 1)) != 0;
  }

  private static String read(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }
}
