package io.github.milvusmonitored.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.images.internal.ImageHost;
import io.github.milvusmonitored.images.internal.ImageTarget;
import io.github.milvusmonitored.images.internal.SavedArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preloading steps against a scripted k3s node and Docker host (the real ones need Docker). */
class ImagePreloaderTest {

  private static final String MILVUS = "docker.io/milvusdb/milvus:v2.6.15";
  private static final String ETCD = "docker.io/milvusdb/etcd:3.5.18-r1";
  private static final String PROMETHEUS = "quay.io/prometheus/prometheus:v3.12.0";

  /**
   * A k3s node whose containerd gains an image when its archive is imported. Like ctr (read in
   * containerd's import code, not run here), it refuses an archive whose index lists platforms
   * without their content unless told to import one platform.
   */
  static class FakeNode implements ImageTarget {
    final Set<String> images = new LinkedHashSet<>();
    final List<String> commands = new ArrayList<>();
    final Map<String, byte[]> copied = new HashMap<>();
    final Set<String> failingImports = new LinkedHashSet<>();
    int listExitCode;
    String machine = "x86_64";

    @Override
    public Outcome exec(List<String> command) throws IOException {
      commands.add(String.join(" ", command));
      if (command.equals(List.of("ctr", "-n", "k8s.io", "images", "ls", "-q"))) {
        return new Outcome(
            listExitCode,
            String.join("\n", images) + "\nsha256:" + "0".repeat(64) + "\n",
            listExitCode == 0 ? "" : "ctr: failed to dial \"/run/k3s/containerd/containerd.sock\"");
      }
      if (command.equals(List.of("uname", "-m"))) {
        return new Outcome(0, machine + "\n", "");
      }
      if (command.size() > 5
          && command.subList(0, 5).equals(List.of("ctr", "-n", "k8s.io", "images", "import"))) {
        byte[] content = copied.get(command.get(command.size() - 1));
        String archive = nameIn(content);
        boolean onePlatform = command.contains("--platform");
        if (failingImports.contains(archive) || (!onePlatform && listsMissingPlatforms(content))) {
          return new Outcome(1, "", "ctr: content digest sha256:abc: not found");
        }
        images.add(archive);
      }
      return new Outcome(0, "", "");
    }

    private static String nameIn(byte[] content) {
      String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
      var name =
          java.util.regex.Pattern.compile("\"io.containerd.image.name\":\"([^\"]+)\"")
              .matcher(text);
      return name.find() ? name.group(1) : text;
    }

    private static boolean listsMissingPlatforms(byte[] content) throws IOException {
      Path file = Files.createTempFile("fake-ctr-", ".tar");
      try {
        return !io.github.milvusmonitored.images.internal.SavedArchive.read(
                Files.write(file, content))
            .missing()
            .isEmpty();
      } finally {
        Files.deleteIfExists(file);
      }
    }

    @Override
    public void copy(Path hostFile, String containerPath) {
      try {
        copied.put(containerPath, Files.readAllBytes(hostFile));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A Docker host whose archives hold the image's name. */
  static class FakeHost implements ImageHost {
    final Set<String> images = new LinkedHashSet<>();
    final List<String> saved = new ArrayList<>();

    @Override
    public boolean has(String image) {
      return images.contains(image);
    }

    @Override
    public void save(String image, Path archive) throws IOException {
      saved.add(image);
      Files.writeString(archive, image);
    }
  }

  /**
   * A Docker host with the containerd image store: it saves the whole index, content for amd64
   * only.
   */
  static class ContainerdStoreHost extends FakeHost {
    @Override
    public void save(String image, Path archive) throws IOException {
      saved.add(image);
      SavedArchiveFixture.containerdStore(archive, image, "linux/amd64");
    }
  }

  @Test
  void imports_only_k3s_platform_of_an_archive_from_docker_containerd_store() {
    FakeNode node = new FakeNode();
    FakeHost host = new ContainerdStoreHost();
    host.images.add(MILVUS);

    PreloadReport report = new ImagePreloader(node, host).preload(List.of(MILVUS));

    String archive = "/tmp/milvus-monitored-docker.io_milvusdb_milvus_v2.6.15.tar";
    assertThat(report.failed()).isEmpty();
    assertThat(report.loaded()).containsExactly(MILVUS);
    assertThat(node.commands)
        .containsExactly(
            "ctr -n k8s.io images ls -q",
            "uname -m",
            "ctr -n k8s.io images import --platform linux/amd64 " + archive,
            "rm -f " + archive,
            "ctr -n k8s.io images ls -q");
  }

  @Test
  void an_archive_without_k3s_platform_is_not_imported_and_says_how_to_pull_it() {
    FakeNode node = new FakeNode();
    node.machine = "aarch64";
    FakeHost host = new ContainerdStoreHost();
    host.images.add(MILVUS);

    PreloadReport report = new ImagePreloader(node, host).preload(List.of(MILVUS));

    assertThat(report.failed().get(MILVUS))
        .isEqualTo(
            "The archive of "
                + MILVUS
                + " saved from the Docker host"
                + " holds no linux/arm64 content (k3s runs linux/arm64; the archive holds [linux/amd64]). Docker's"
                + " containerd image store saves only the platforms it has pulled: pull this one with 'docker pull"
                + " --platform linux/arm64 "
                + MILVUS
                + "'. The image will be pulled by k3s instead if the registry is"
                + " reachable.");
    assertThat(node.commands).noneMatch(c -> c.contains("images import"));
  }

  @Test
  void loads_host_images_missing_in_k3s_and_leaves_the_others() {
    FakeNode node = new FakeNode();
    node.images.add(ETCD);
    FakeHost host = new FakeHost();
    host.images.addAll(List.of(MILVUS, ETCD));

    PreloadReport report =
        new ImagePreloader(node, host)
            .preload(List.of("milvusdb/milvus:v2.6.15", ETCD, PROMETHEUS));

    assertThat(host.saved).containsExactly(MILVUS);
    assertThat(node.images).contains(MILVUS);
    assertThat(report.loaded()).containsExactly(MILVUS);
    assertThat(report.failed()).isEmpty();
    assertThat(report.toPull()).containsExactly(PROMETHEUS);
    assertThat(report.summary())
        .startsWith("1 present, 1 loaded from the Docker host, 1 to pull, in ");
  }

  @Test
  void copies_the_archive_imports_it_and_removes_it_in_that_order() {
    FakeNode node = new FakeNode();
    FakeHost host = new FakeHost();
    host.images.add(MILVUS);

    new ImagePreloader(node, host).preload(List.of(MILVUS));

    String archive = "/tmp/milvus-monitored-docker.io_milvusdb_milvus_v2.6.15.tar";
    assertThat(node.copied).containsKey(archive);
    assertThat(node.commands)
        .containsExactly(
            "ctr -n k8s.io images ls -q",
            "uname -m",
            "ctr -n k8s.io images import --platform linux/amd64 " + archive,
            "rm -f " + archive,
            "ctr -n k8s.io images ls -q");
  }

  @Test
  void a_failed_import_is_reported_and_the_next_image_still_loads() {
    FakeNode node = new FakeNode();
    node.failingImports.add(ETCD);
    FakeHost host = new FakeHost();
    host.images.addAll(List.of(ETCD, MILVUS));

    PreloadReport report = new ImagePreloader(node, host).preload(List.of(ETCD, MILVUS));

    assertThat(report.loaded()).containsExactly(MILVUS);
    assertThat(report.failed()).containsOnlyKeys(ETCD);
    assertThat(report.failed().get(ETCD))
        .startsWith(
            "Importing "
                + ETCD
                + " into k3s failed: 'ctr -n k8s.io images import --platform linux/amd64"
                + " /tmp/milvus-monitored-")
        .contains("exited with 1: ctr: content digest sha256:abc: not found")
        .contains("another CPU architecture");
    assertThat(report.toPull()).containsExactly(ETCD);
    assertThat(node.commands).filteredOn(c -> c.startsWith("rm -f")).hasSize(2);
  }

  @Test
  void an_image_missing_after_import_counts_as_failed() {
    FakeNode node =
        new FakeNode() {
          @Override
          public Outcome exec(List<String> command) throws IOException {
            Outcome outcome = super.exec(command);
            images.remove(MILVUS); // the archive named the image differently
            return outcome;
          }
        };
    FakeHost host = new FakeHost();
    host.images.add(MILVUS);

    PreloadReport report = new ImagePreloader(node, host).preload(List.of(MILVUS));

    assertThat(report.loaded()).isEmpty();
    assertThat(report.failed().get(MILVUS)).contains("does not list " + MILVUS + " afterwards");
  }

  @Test
  void a_save_failure_names_the_image_and_the_step() {
    FakeNode node = new FakeNode();
    FakeHost host =
        new FakeHost() {
          @Override
          public void save(String image, Path archive) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    host.images.add(MILVUS);

    PreloadReport report = new ImagePreloader(node, host).preload(List.of(MILVUS));

    assertThat(report.failed().get(MILVUS))
        .isEqualTo(
            "Loading "
                + MILVUS
                + " from the Docker host into k3s failed"
                + " while saving it from the Docker host: No space left on device. Check 'docker image inspect "
                + MILVUS
                + "' on the host and the free disk space of the temporary directory and of the k3s container.");
  }

  @Test
  void refuses_to_plan_when_k3s_containerd_does_not_answer() {
    FakeNode node = new FakeNode();
    node.listExitCode = 1;

    assertThatThrownBy(() -> new ImagePreloader(node, new FakeHost()).plan(List.of(MILVUS)))
        .isInstanceOf(ImagePreloadException.class)
        .hasMessage(
            "Listing the images in k3s's containerd failed: 'ctr -n k8s.io images ls -q' exited with 1:"
                + " ctr: failed to dial \"/run/k3s/containerd/containerd.sock\". Likely cause: k3s has not started its"
                + " containerd yet, or the image is not a rancher/k3s image. Check the container's log.");
  }

  @Test
  void plan_does_not_ask_the_host_about_images_k3s_already_has() {
    FakeNode node = new FakeNode();
    node.images.add(MILVUS);
    List<String> asked = new ArrayList<>();
    FakeHost host =
        new FakeHost() {
          @Override
          public boolean has(String image) {
            asked.add(image);
            return false;
          }
        };

    PreloadPlan plan = new ImagePreloader(node, host).plan(List.of(MILVUS, ETCD));

    assertThat(asked).containsExactly(ETCD);
    assertThat(plan.imagesWith(PreloadAction.SKIP_PRESENT)).containsExactly(MILVUS);
    assertThat(plan.imagesWith(PreloadAction.PULL)).containsExactly(ETCD);
  }
}
