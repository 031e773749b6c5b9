package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StablePathsTest {

  @TempDir Path dir;

  @Test
  void copies_the_kubeconfig_readable_by_the_owner_only_and_deletes_it_once() throws Exception {
    Path source =
        Files.writeString(dir.resolve("tmp-kubeconfig"), "apiVersion: v1\nkind: Config\n");
    StablePaths paths = new StablePaths(dir.resolve("cache/up"));

    Path copy = paths.copyKubeconfig(source);

    assertThat(copy)
        .isEqualTo(dir.resolve("cache/up/kubeconfig"))
        .hasContent("apiVersion: v1\nkind: Config");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
        .isEqualTo("rw-------");
    assertThat(paths.deleteKubeconfig()).isTrue();
    assertThat(paths.deleteKubeconfig()).isFalse();
  }

  @Test
  void keeps_files_under_the_user_cache() {
    assertThat(StablePaths.inUserHome().kubeconfig())
        .isEqualTo(
            Path.of(
                System.getProperty("user.home"), ".cache", "milvus-monitored", "up", "kubeconfig"));
  }
}
