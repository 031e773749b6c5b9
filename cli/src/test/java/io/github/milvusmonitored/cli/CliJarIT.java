package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the shaded jar the way a user does, {@code java -jar milvus-monitored-cli-<version>.jar
 * ...}, as a separate process with its own home folder, and checks its output and exit code.
 */
class CliJarIT {

  private static final String N = System.lineSeparator();
  private static final Path JAR = Path.of(System.getProperty("cli.jar"));
  private static final Path FIXTURES = Path.of(System.getProperty("cli.fixtures"));
  private static final String VERSION = System.getProperty("cli.version");

  @TempDir Path home;

  @Test
  void help_prints_the_usage_with_the_jar_name_and_the_exit_codes() throws Exception {
    Run run = run(List.of(), "--help");

    assertThat(run.code).isZero();
    assertThat(run.err).isEmpty();
    assertThat(run.out)
        .startsWith(
            "Usage: java -jar milvus-monitored-cli-" + VERSION + ".jar <command> [options]" + N)
        .contains(
            "  status   Show the k3s container(s) that 'up' kept and the kubeconfig copy." + N)
        .contains(
            "  2  the command line cannot be used: unknown command or option, a missing or invalid value (a path"
                + N)
        .contains("  --debug      on failure also print the stack trace");
  }

  @Test
  void a_bad_flag_exits_with_2_naming_the_flag_and_the_valid_ones() throws Exception {
    Run run = run(List.of(), "up", "--grafana");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.out).isEmpty();
    assertThat(run.err)
        .isEqualTo(
            "Unknown option '--grafana' for 'up'. Valid options: --stack-profile=full|minimal,"
                + " --milvus-profile=standalone|one_pod|cluster, --k3s-image=<rancher/k3s image>, --image-tag=<Milvus image"
                + " tag>, --kubeconfig=<file>, --context=<name>, --kube-prometheus=<v0.18.0 .tar.gz or folder>,"
                + " --local-chart=<chart folder or .tgz>, --scrape-interval=<duration>, --scrape-timeout=<duration>, --keep,"
                + " --stack=install|existing|auto, --help."
                + N
                + "Run with --help for the usage."
                + N);
  }

  @Test
  void an_unknown_command_exits_with_2() throws Exception {
    Run run = run(List.of(), "start");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo(
            "Unknown command 'start'. Valid commands: up, down, status, images, audit,"
                + " check-upgrade, capture-catalogue, --help."
                + N
                + "Run with --help for the usage."
                + N);
  }

  @Test
  void up_without_testcontainers_reuse_exits_with_3_and_says_how_to_enable_it() throws Exception {
    Run run = run(List.of(), "up");

    assertThat(run.code).isEqualTo(3);
    assertThat(run.err)
        .startsWith(
            "Testcontainers reuse is not enabled, so 'up' cannot keep k3s running after it"
                + " exits; nothing was started."
                + N)
        .contains(
            "  echo 'testcontainers.reuse.enable=true' >> "
                + home.resolve(".testcontainers.properties")
                + N);
  }

  @Test
  void status_without_docker_exits_with_1_and_says_what_it_talks_to() throws Exception {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is available here");
    Run run = run(List.of(), "status");

    assertThat(run.code).isEqualTo(1);
    assertThat(run.err)
        .endsWith(
            "Docker is not available (no Docker environment found). 'up', 'down' and 'status'"
                + " talk to the Docker engine Testcontainers finds (DOCKER_HOST, the default socket, or"
                + " ~/.testcontainers.properties). Start Docker, check 'docker info', and run the command again."
                + N);
  }

  @Test
  void images_help_lists_the_flags_for_local_inputs() throws Exception {
    Run run = run(List.of(), "images", "--help");

    assertThat(run.code).isZero();
    assertThat(run.out).contains("--local-chart").contains("--kube-prometheus");
  }

  @Test
  void images_offline_without_local_inputs_names_the_flags_and_leaves_no_cache_folder()
      throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    // Every request goes to a closed loopback port: the machine is offline for this process.
    Run run =
        run(
            List.of(
                "-Dhttps.proxyHost=127.0.0.1",
                "-Dhttps.proxyPort=" + deadPort,
                "-Dhttp.proxyHost=127.0.0.1",
                "-Dhttp.proxyPort=" + deadPort),
            "images");

    assertThat(run.code).isEqualTo(1);
    assertThat(run.err)
        .contains(
            N
                + "Cannot list the images: Downloading kube-prometheus from https://github.com/"
                + "prometheus-operator/kube-prometheus/archive/refs/tags/v0.18.0.tar.gz failed: java.net.ConnectException.")
        .endsWith(
            "Without network access give the inputs as files: --local-chart=<Milvus chart folder or .tgz>"
                + " and --kube-prometheus=<kube-prometheus v0.18.0 .tar.gz or folder>."
                + N);
    assertThat(home.resolve(".cache/milvus-monitored/kube-prometheus")).doesNotExist();
  }

  @Test
  void images_with_local_inputs_reads_them_without_network_and_refuses_manifests_that_differ()
      throws Exception {
    Run run =
        run(
            List.of(),
            "images",
            "--local-chart=" + FIXTURES.resolve("milvus-chart-fixture"),
            "--kube-prometheus=" + FIXTURES.resolve("kube-prometheus-fixture"));

    // The fixture is not kube-prometheus v0.18.0: it is read from the folder and refused by file
    // name,
    // with no download attempted and no offline hint.
    assertThat(run.code).isEqualTo(1);
    assertThat(run.err)
        .contains("Cannot list the images: ")
        .contains("manifests/prometheusOperator-deployment.yaml")
        .doesNotContain("Without network access");
  }

  @Test
  void images_with_the_real_kube_prometheus_archive_and_a_local_chart_lists_every_image_offline()
      throws Exception {
    String archive = System.getProperty("kube-prometheus.archive", "");
    assumeTrue(
        !archive.isBlank() && Files.isRegularFile(Path.of(archive)),
        "give -Dkube-prometheus.archive=<kube-prometheus v0.18.0 tar.gz> to list the images from the real manifests");
    Run run =
        run(
            List.of(),
            "images",
            "--names-only",
            "--local-chart=" + FIXTURES.resolve("milvus-chart-fixture"),
            "--kube-prometheus=" + archive,
            "--stack-profile=minimal");

    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out.lines())
        .contains("quay.io/prometheus/prometheus:v3.12.0", "docker.io/rancher/k3s:v1.35.0-k3s1");
  }

  @Test
  void check_upgrade_flags_the_2_6_19_status_split_and_exits_with_4() throws Exception {
    Path report = home.resolve("upgrade.md");
    Run run =
        run(
            List.of(),
            "check-upgrade",
            "--from",
            "v2.6.18",
            "--to",
            "v2.6.19",
            "--rules",
            FIXTURES.resolve("upgrade/milvus-alerts.yaml").toString(),
            "--report=" + report);

    assertThat(run.code).as(run.err).isEqualTo(4);
    assertThat(run.err).isEmpty();
    assertThat(run.out)
        .startsWith("# Milvus upgrade check: 2.6.18 -> 2.6.19\n")
        .contains(
            "- Assumption: Milvus 2.6.18 is read with the catalogue of 2.6.15, which stands for 2.6.0-2.6.18.\n")
        .contains(
            "### milvus-alerts.yaml: alert MilvusProxyFailures\n\n"
                + "- Selector: `milvus_proxy_req_count{status=\"fail\"}` (label values changed)\n")
        .contains(
            "- Rewrite: `milvus_proxy_req_count{status=~\"cancel|fail_input|fail_system\"}`\n");
    assertThat(report).content(StandardCharsets.UTF_8).isEqualTo(run.out);
  }

  @Test
  void check_upgrade_flags_the_2_3_renames_and_refuses_an_unknown_version() throws Exception {
    Run renames =
        run(
            List.of(),
            "check-upgrade",
            "--from=2.3.5",
            "--to=2.6.24",
            "--queries=" + FIXTURES.resolve("upgrade/milvus-2.3-queries.txt"));
    Run bad = run(List.of(), "check-upgrade", "--from=latest", "--to=2.6.24", "--queries=x");

    assertThat(renames.code).as(renames.err).isEqualTo(4);
    assertThat(renames.out)
        .contains("- Renamed in 2.6.24: `knowhere_search_latency` is `search_latency`.\n");
    assertThat(bad.code).isEqualTo(2);
    assertThat(bad.err)
        .startsWith("Invalid value 'latest' for --from: 'latest' is not a Milvus version.");
  }

  @Test
  void capture_catalogue_turns_the_real_2_3_5_recording_into_the_catalogue_the_library_ships()
      throws Exception {
    Path target = home.resolve("milvus-metrics-2.3.5.tsv");
    Run run =
        run(
            List.of(),
            "capture-catalogue",
            "--metrics=" + FIXTURES.resolve("expositions/milvus-2.3.5-after-traffic.prom"),
            "--version=v2.3.5",
            "--out=" + target);

    assertThat(run.code).as(run.err).isZero();
    assertThat(target)
        .content(StandardCharsets.UTF_8)
        .isEqualTo(
            Files.readString(
                FIXTURES.resolve(
                    "../../main/resources/io/github/milvusmonitored/metrics/milvus-metrics-2.3.5.tsv"),
                StandardCharsets.UTF_8));
  }

  private Run run(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", home.toString());
    env.keySet()
        .removeIf(k -> k.startsWith("MILVUS_MONITORED_") || k.startsWith("TESTCONTAINERS_"));
    if (jvmOptions.stream().anyMatch(o -> o.startsWith("-Dhttps.proxyPort="))) {
      String proxy =
          "http://127.0.0.1:"
              + jvmOptions.stream()
                  .filter(o -> o.startsWith("-Dhttps.proxyPort="))
                  .findFirst()
                  .orElseThrow()
                  .substring("-Dhttps.proxyPort=".length());
      env.put("HTTPS_PROXY", proxy);
      env.put("HTTP_PROXY", proxy);
      env.remove("NO_PROXY");
      env.remove("no_proxy");
    }
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar exits within 120 s").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int code, String out, String err) {}
}
