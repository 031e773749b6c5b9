package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTextsTest {

  private static final String N = System.lineSeparator();

  @Test
  void usage_lists_commands_options_and_the_maven_command_line() {
    assertThat(CliTexts.usage())
        .startsWith("Usage: MilvusMonitoredCli <command> [options]")
        .contains("  up  ", "  down  ", "  images  ")
        .contains("--profile=full|minimal", "--milvus-profile=standalone|one_pod|cluster", "--k3s-image=", "--image-tag=")
        .contains("./mvnw -B -q -pl library compile exec:java"
            + " -Dexec.mainClass=io.github.milvusmonitored.cli.MilvusMonitoredCli -Dexec.args=\"<command> [options]\"");
  }

  @Test
  void down_says_when_nothing_was_running() {
    assertThat(CliTexts.downReport(List.of(), 0, Path.of("k"), false)).isEqualTo(
        "Nothing was running: no k3s container kept by 'up' (label io.github.milvusmonitored.cluster=k3s, reused by"
            + " Testcontainers)." + N);
  }

  @Test
  void down_lists_what_it_removed_and_what_it_left_alone() {
    String report = CliTexts.downReport(List.of("k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours)"),
        1, Path.of("/c/kubeconfig"), true);

    assertThat(report).isEqualTo(
        "Removed k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /x, Up 2 hours) and its volumes." + N
            + "Left alone 1 k3s container(s) of running tests (not reused; Testcontainers removes them when their JVM"
            + " exits)." + N
            + "Deleted /c/kubeconfig." + N);
  }
}
