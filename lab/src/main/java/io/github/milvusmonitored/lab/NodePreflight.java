package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the real node needs from the machine, checked before anything starts, each failure naming
 * what is missing and how to get it: Debian's containerd, runc and CNI plugins, and cgroup v1's
 * memory controller mounted (the kubelet runs with {@code failCgroupV1: false} and the cgroupfs
 * driver).
 */
final class NodePreflight {

  static final String PACKAGES = "apt-get install -y containerd runc containernetworking-plugins";

  private NodePreflight() {}

  static void check() {
    for (String program : List.of("containerd", "ctr", "runc", "nsenter", "iptables")) {
      if (NodeCommand.run(List.of("sh", "-c", "command -v " + program), Duration.ofSeconds(5))
              .exitCode()
          != 0) {
        throw new LabException(
            "The real node needs '"
                + program
                + "' on the PATH and it is not there. Install"
                + " Debian's packages: "
                + PACKAGES
                + " (iptables, util-linux for nsenter)");
      }
    }
    if (!Files.isExecutable(Path.of("/usr/lib/cni/bridge"))
        || !Files.isExecutable(Path.of("/usr/lib/cni/host-local"))) {
      throw new LabException(
          "The real node's pod network needs the CNI plugins bridge and host-local in /usr/lib/cni;"
              + " install them with: "
              + PACKAGES);
    }
    if (!Files.isRegularFile(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"))) {
      throw new LabException(
          "The real node needs cgroup v1 with the memory controller mounted at"
              + " /sys/fs/cgroup/memory (the kubelet runs with failCgroupV1: false and the cgroupfs driver); this machine's"
              + " /sys/fs/cgroup has: "
              + list(Path.of("/sys/fs/cgroup")));
    }
  }

  /** The first line a program prints for {@code --version}, for the log. */
  static String version(String program) {
    String out = NodeCommand.run(List.of(program, "--version"), Duration.ofSeconds(5)).output();
    return out.lines().findFirst().orElse("?");
  }

  private static String list(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList().toString();
    } catch (IOException e) {
      return "(cannot list: " + e.getMessage() + ")";
    }
  }
}
