package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.images.ImageHost;
import io.github.milvusmonitored.images.ImagePreloader;
import io.github.milvusmonitored.images.ImageTarget;
import io.github.milvusmonitored.images.PreloadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImagePreloader}'s import against a real containerd, the lab's real node's (Debian's
 * 1.6.20), with archives made here: the commands it runs inside k3s ({@code ctr -n k8s.io images
 * import --platform ...}) run against the node's socket. An image removed from the node is imported
 * again; an archive of another platform and an image no archive holds are reported as README says.
 */
@EnabledIfSystemProperty(
    named = "lab.node",
    matches = "real",
    disabledReason = "runs in the real-node execution")
@ExtendWith(LabExtension.class)
class RealNodeImagePreloadIT {

  private static final String COREDNS = "registry.k8s.io/coredns/coredns:v1.13.1";
  private static final String WRONG_PLATFORM = "lab.invalid/arm64-only:v1";
  private static final String NOT_BUILT = "lab.invalid/not-built:v1";

  @TempDir Path folder;

  @Test
  void imports_into_a_real_containerd_and_reports_a_wrong_platform_and_a_missing_archive(Lab lab)
      throws Exception {
    Path socket = lab.nodeContainerdSocket();
    Map<String, Path> archives =
        Files.readAllLines(lab.nodeImages().resolve("images.list")).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.split(" "))
            .collect(Collectors.toMap(p -> p[0], p -> lab.nodeImages().resolve(p[1])));
    archives.put(WRONG_PLATFORM, arm64Archive());
    NodeTarget node = new NodeTarget(socket);
    // CoreDNS's image is imported at the node's start but no pod runs it: take it away to load it
    // again.
    assertThat(node.exec(List.of("ctr", "-n", "k8s.io", "images", "rm", COREDNS)).exitCode())
        .isZero();

    ImagePreloader preloader = ImagePreloader.of(node, new ArchiveHost(archives));
    PreloadReport report = preloader.preload(List.of(COREDNS, WRONG_PLATFORM, NOT_BUILT));

    System.out.println(
        "real node: preload "
            + report.summary()
            + "; failed "
            + report.failed()
            + "; commands "
            + node.commands);
    assertThat(report.loaded()).containsExactly(COREDNS);
    assertThat(node.exec(List.of("ctr", "-n", "k8s.io", "images", "ls", "-q")).stdout())
        .contains(COREDNS);
    assertThat(node.commands)
        .anyMatch(c -> c.startsWith("ctr -n k8s.io images import --platform linux/amd64 "));
    assertThat(report.failed()).containsOnlyKeys(WRONG_PLATFORM);
    assertThat(report.failed().get(WRONG_PLATFORM))
        .contains(
            "holds no linux/amd64 content",
            "[linux/arm64]",
            "docker pull --platform linux/amd64 " + WRONG_PLATFORM);
    // What was not loaded is left to k3s to pull, the failed archive's image too (the README's
    // wording).
    assertThat(report.toPull()).containsExactlyInAnyOrder(WRONG_PLATFORM, NOT_BUILT);
  }

  /** A one-file image for linux/arm64 only, made by the lab's image script. */
  private Path arm64Archive() throws IOException, InterruptedException {
    Path spec = folder.resolve("arm64.json");
    Files.writeString(
        spec,
        "{\"name\": \""
            + WRONG_PLATFORM
            + "\", \"architecture\": \"arm64\","
            + " \"files\": [{\"path\": \"hello\", \"text\": \"hello\\n\"}]}",
        StandardCharsets.UTF_8);
    Path archive = folder.resolve("arm64.tar");
    Process p =
        new ProcessBuilder(
                "python3",
                Path.of(System.getProperty("lab.home"), "images", "oci_image.py").toString(),
                spec.toString(),
                archive.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor()).isZero();
    return archive;
  }

  /**
   * The node's containerd as k3s's would be: {@code ctr} with the node's socket, files on the same
   * machine.
   */
  private static final class NodeTarget implements ImageTarget {
    private final Path socket;
    final List<String> commands = new ArrayList<>();

    NodeTarget(Path socket) {
      this.socket = socket;
    }

    @Override
    public Outcome exec(List<String> command) throws IOException, InterruptedException {
      commands.add(String.join(" ", command));
      List<String> full = new ArrayList<>(command);
      if (command.get(0).equals("ctr")) {
        full.addAll(1, List.of("--address", socket.toString()));
      }
      Process p = new ProcessBuilder(full).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Outcome(p.waitFor(), out, err);
    }

    @Override
    public void copy(Path hostFile, String containerPath) {
      try {
        Files.copy(hostFile, Path.of(containerPath), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Archives made on this machine instead of images saved from a Docker host. */
  private record ArchiveHost(Map<String, Path> archives) implements ImageHost {
    @Override
    public boolean has(String image) {
      return archives.containsKey(image);
    }

    @Override
    public void save(String image, Path archive) throws IOException {
      Files.copy(archives.get(image), archive, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
