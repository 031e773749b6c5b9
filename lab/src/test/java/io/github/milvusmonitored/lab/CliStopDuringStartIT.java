package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ctrl-C while {@code up} installs Milvus on an existing cluster, before the start has returned:
 * the start's cleanup hook, in place before the first change, lets the Helm install in progress
 * finish, starts no further phase and removes what the run installed. The cluster and the temporary
 * folder are as they were, and the JVM exits with 130.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class CliStopDuringStartIT {

  /**
   * The Helm install waits for the real Milvus to be ready (about 20 s here), then the run is
   * removed.
   */
  private static final Duration STOP_BOUND = Duration.ofMinutes(3);

  @Test
  void ctrl_c_during_the_milvus_install_leaves_the_cluster_and_the_temp_folder_as_they_were(Lab lab)
      throws Exception {
    Path work = Path.of("target", "cli-stop-during-start-it").toAbsolutePath();
    Path tmp = work.resolve("tmp");
    Files.createDirectories(tmp);
    ClusterSnapshot before = ClusterSnapshot.of(lab.client());
    List<String> tmpBefore = entries(tmp);

    try (CliProcess up = CliProcess.up(lab, work, List.of("-Djava.io.tmpdir=" + tmp))) {
      up.awaitPrinted("[Milvus ready] started", CliProcess.UP_DEADLINE);
      String printedBefore = up.output();
      up.signal("INT", 2);
      int exit = up.awaitExit(STOP_BOUND);
      String after = up.output().substring(printedBefore.length());

      assertThat(exit).as(up.output()).isEqualTo(130);
      assertThat(after)
          .as("what the JVM printed after SIGINT")
          .contains(
              "the JVM is stopping (Ctrl-C or SIGTERM) during the start: no further phase starts")
          .contains("not started: the JVM is stopping");
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(lab.client(), before);
    assertThat(before.added(after)).as("objects the stopped start left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the stopped start removed that were there before")
        .isEmpty();
    assertThat(entries(tmp))
        .as(
            "the temporary folder after the stopped start (Helm workspaces, private"
                + " kubeconfigs)")
        .isEqualTo(tmpBefore);
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
