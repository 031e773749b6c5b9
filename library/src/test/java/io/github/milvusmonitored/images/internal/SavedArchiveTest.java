package io.github.milvusmonitored.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads archives laid out as both Docker image stores save them. */
class SavedArchiveTest {

  @TempDir Path dir;

  @Test
  void an_archive_from_the_containerd_store_holds_only_the_local_platform_whole()
      throws IOException {
    Path archive =
        SavedArchiveFixture.containerdStore(
            dir.resolve("a.tar"), "docker.io/milvusdb/milvus:v2.6.15", "linux/amd64");

    SavedArchive saved = SavedArchive.read(archive);

    assertThat(saved.known()).isTrue();
    assertThat(saved.complete()).containsExactly("linux/amd64");
    assertThat(saved.missing()).containsExactly("linux/386", "linux/arm64/v8");
    assertThat(saved.holds("linux/amd64")).isTrue();
    assertThat(saved.holds("linux/arm64")).isFalse();
  }

  @Test
  void arm64_and_arm64_v8_are_the_same_platform() throws IOException {
    Path archive =
        SavedArchiveFixture.containerdStore(
            dir.resolve("a.tar"), "docker.io/milvusdb/milvus:v2.6.15", "linux/arm64/v8");

    assertThat(SavedArchive.read(archive).holds("linux/arm64")).isTrue();
  }

  @Test
  void an_archive_from_the_classic_store_names_its_platform_in_the_config() throws IOException {
    Path archive =
        SavedArchiveFixture.classicStore(
            dir.resolve("a.tar"), "quay.io/prometheus/prometheus:v3.12.0", "amd64");

    SavedArchive saved = SavedArchive.read(archive);

    assertThat(saved.complete()).containsExactly("linux/amd64");
    assertThat(saved.missing()).isEmpty();
  }

  @Test
  void a_file_that_is_no_oci_archive_is_unknown() throws IOException {
    SavedArchive saved = SavedArchive.read(Files.writeString(dir.resolve("a.tar"), "not a tar"));

    assertThat(saved.known()).isFalse();
    assertThat(saved.complete()).isEmpty();
  }

  @Test
  void the_import_command_names_the_platform() {
    assertThat(ContainerdCommands.importArchive("/tmp/a.tar", "linux/amd64"))
        .containsExactly(
            "ctr", "-n", "k8s.io", "images", "import", "--platform", "linux/amd64", "/tmp/a.tar");
    assertThat(ContainerdCommands.platformOf("x86_64\n")).isEqualTo("linux/amd64");
    assertThat(ContainerdCommands.platformOf("aarch64")).isEqualTo("linux/arm64");
    assertThat(ContainerdCommands.platformOf("mips")).isNull();
  }
}
