package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTextsTest {

  private static final String N = System.lineSeparator();

  @Test
  void usage_lists_commands_options_and_exit_codes_for_the_runnable_jar() {
    assertThat(CliTexts.usage())
        .startsWith("Usage: java -jar milvus-monitored-cli-<version>.jar <command> [options]")
        .contains("  up  ", "  down  ", "  status  ", "  images  ", "  audit  ")
        .contains(
            "--stack-profile=full|minimal",
            "--milvus-profile=standalone|one_pod|cluster",
            "--k3s-image=",
            "--image-tag=")
        .contains(
            "  -h, --help   print its usage",
            "  --debug      on failure also print the stack trace")
        .contains(
            "--kubeconfig=<file>, --context=<name>",
            "--keep",
            "--scrape-interval=<duration>, --scrape-timeout=")
        .contains(
            "--local-chart=<chart folder or .tgz> and --kube-prometheus=<v0.18.0 .tar.gz or folder>")
        .endsWith(
            String.join(
                N,
                "Exit codes:",
                "  0  done; 'status' found a kept k3s running",
                "  1  failed: Docker missing, the start failed, an input could not be read (a kubeconfig, an archive,",
                "     a server that refuses, errs or does not answer in time), the images could not be listed,",
                "     an unexpected failure (it says so)",
                "  2  the command line cannot be used: unknown command or option, a missing or invalid value (a path",
                "     that does not exist, a URL, a duration, a report path that cannot be written); nothing was run",
                "  3  'up' on k3s: Testcontainers reuse is not enabled",
                "  4  'status': no k3s container kept by 'up' is running; 'audit': panels without data;",
                "     'check-upgrade': selectors that break",
                "  130, 143  'up' was up and stopped by Ctrl-C (SIGINT), SIGTERM (the JVM's 128 + signal)",
                ""));
  }

  @Test
  void status_reports_running_and_stopped_containers_and_the_kubeconfig() {
    assertThat(
            CliTexts.statusReport(
                List.of("k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours)"),
                List.of(
                    "k3s container 0f0f0f0f0f0f (rancher/k3s:v1.35.0-k3s1, /y, Exited (0) 1 day ago)"),
                Path.of("/c/kubeconfig"),
                true))
        .isEqualTo(
            "Running: k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours)."
                + N
                + "Stopped: k3s container 0f0f0f0f0f0f (rancher/k3s:v1.35.0-k3s1, /y, Exited (0) 1 day ago); 'up' starts it"
                + " again, 'down' removes it."
                + N
                + "Kubeconfig: /c/kubeconfig (export KUBECONFIG=/c/kubeconfig)"
                + N);
    assertThat(CliTexts.statusReport(List.of(), List.of(), Path.of("/c/kubeconfig"), false))
        .isEqualTo(
            "Nothing is running: no k3s container kept by 'up'. Start one with 'java -jar"
                + " milvus-monitored-cli-<version>.jar up'."
                + N
                + "Kubeconfig: none at /c/kubeconfig ('up' writes it)"
                + N);
  }

  @Test
  void images_failure_names_only_the_flags_that_were_missing() {
    assertThat(CliTexts.imagesFailed("chart not found", false, true))
        .isEqualTo(
            "Cannot list the images: chart not found"
                + N
                + "Without network access give the inputs as files: --local-chart=<Milvus chart folder or .tgz>."
                + N);
    assertThat(CliTexts.imagesFailed("bad archive", true, true))
        .isEqualTo("Cannot list the images: bad archive" + N);
  }

  @Test
  void down_says_when_nothing_was_running() {
    assertThat(CliTexts.downReport(List.of(), 0, Path.of("k"), false))
        .isEqualTo(
            "Nothing was running: no k3s container kept by 'up' (label io.github.milvusmonitored.cluster=k3s, reused by"
                + " Testcontainers)."
                + N);
  }

  @Test
  void down_lists_what_it_removed_and_what_it_left_alone() {
    String report =
        CliTexts.downReport(
            List.of("k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours)"),
            1,
            Path.of("/c/kubeconfig"),
            true);

    assertThat(report)
        .isEqualTo(
            "Removed k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours) and its volumes."
                + N
                + "Left alone 1 k3s container(s) of running tests (not reused; Testcontainers removes them when their JVM"
                + " exits)."
                + N
                + "Deleted /c/kubeconfig."
                + N);
  }
}
