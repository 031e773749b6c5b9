package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverFilesTest {

  @TempDir Path tmp;

  @Test
  void removes_only_the_entries_of_the_family_whose_process_has_ended() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long deadPid = ended.pid();
    Path deadWorkspace = Files.createDirectories(tmp.resolve("milvus-helm-" + deadPid + "-123"));
    Files.writeString(deadWorkspace.resolve("milvus-values.yaml"), "minio: {}\n");
    Path mine = Files.createDirectories(tmp.resolve(LeftoverFiles.prefix("milvus-helm-") + "456"));
    Path running = Files.createDirectories(tmp.resolve("milvus-helm-1-789"));
    Path notAPid = Files.createDirectories(tmp.resolve("milvus-helm-cache-1"));
    Path otherFamily =
        Files.writeString(tmp.resolve("milvus-monitored-existing-" + deadPid + "-1.yaml"), "x");
    Path unrelated = Files.writeString(tmp.resolve("someone-else-" + deadPid + "-1"), "x");

    assertThat(LeftoverFiles.sweep(tmp, "milvus-helm-")).containsExactly(deadWorkspace);

    assertThat(deadWorkspace).doesNotExist();
    assertThat(mine).exists();
    assertThat(running).as("pid 1 runs").exists();
    assertThat(notAPid).exists();
    assertThat(otherFamily).exists();
    assertThat(unrelated).exists();
  }
}
