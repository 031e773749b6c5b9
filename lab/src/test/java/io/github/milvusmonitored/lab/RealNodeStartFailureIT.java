package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node whose kubelet cannot start (run with {@code -Dlab.node=real}): a second node beside
 * the lab's, with its own folder, cgroup root and name, whose kubelet is not told {@code
 * failCgroupV1: false} on this cgroup v1 machine. The start fails naming that cause, and everything
 * it started (its containerd, its cgroups, its mounts, its containerd folders) is gone; the lab's
 * own node runs on.
 */
@EnabledIfSystemProperty(
    named = "lab.node",
    matches = "real",
    disabledReason = "runs in the real-node execution")
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealNodeStartFailureIT {

  private static final String NAME = "lab-node-failing";

  @Test
  void a_kubelet_refusing_cgroup_v1_stops_the_node_with_its_cause_and_leaves_nothing_running(
      Lab lab, @TempDir Path work) throws IOException {
    Path images = Files.createDirectories(work.resolve("images"));
    Files.writeString(images.resolve("images.list"), "");
    String cgroupRoot = lab.network().name() + "-failing";
    NodeFiles files = new NodeFiles(work.resolve("node"), cgroupRoot, NAME);

    assertThatThrownBy(
            () ->
                RealNode.start(
                    lab.programs(),
                    lab.network(),
                    lab.pki(),
                    lab.kubeconfig(),
                    lab.client(),
                    files,
                    work.resolve("logs"),
                    images,
                    "failCgroupV1: true\n"))
        .isInstanceOf(LabException.class)
        .hasMessageStartingWith(
            "Likely cause: the kubelet refuses cgroup v1 unless its configuration says"
                + " failCgroupV1: false (its log says 'cgroup v1 support is unsupported').\n"
                + "Lab program kubelet exited with 1 before node "
                + NAME
                + " Ready.");
    System.out.println("real node start failure: kubelet log " + work.resolve("logs"));

    assertThat(processesNaming(work)).as("processes of the failed node still running").isEmpty();
    assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
        .as("mounts left under the failed node's folder")
        .noneMatch(line -> line.contains(work.toString()));
    try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
      assertThat(controllers.map(c -> c.resolve(cgroupRoot)))
          .as("the failed node's cgroups")
          .noneMatch(Files::exists);
    }
    assertThat(files.dir().resolve("containerd/root")).doesNotExist();
    assertThat(files.dir().resolve("containerd/state")).doesNotExist();
    assertThat(lab.client().nodes().withName(NAME).get()).isNull();

    // The lab's own node is untouched.
    Node node = lab.client().nodes().withName(ControlPlane.NODE).get();
    assertThat(node.getStatus().getConditions())
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    assertThat(lab.realNode().ctr(List.of("version")).exitCode()).isZero();
  }

  /** The processes whose command line names {@code folder} (the node's config and sockets). */
  private static List<String> processesNaming(Path folder) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .map(
              p -> {
                try {
                  return new String(
                          Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.ISO_8859_1)
                      .replace('\0', ' ');
                } catch (IOException gone) {
                  return "";
                }
              })
          .filter(cmd -> cmd.contains(folder.toString()))
          .toList();
    }
  }
}
