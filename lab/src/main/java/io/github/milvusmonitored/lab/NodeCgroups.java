package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real node's cgroups (v1): one root of the lab's own in every controller (the kubelet's {@code
 * cgroupRoot}), under which the kubelet makes kubepods and each pod and container; read for the
 * containers' memory, removed when the node stops.
 */
final class NodeCgroups {

  private static final Logger LOG = LoggerFactory.getLogger(NodeCgroups.class);
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");

  /** A container's memory from its cgroup: usage now, the peak, and RSS (memory.stat total_rss). */
  record Memory(
      long usageBytes, long maxUsageBytes, long rssBytes, long limitBytes, long failCount) {}

  private final String root;

  NodeCgroups(String root) {
    this.root = root;
  }

  /** Creates the root in every mounted v1 controller. */
  void create() {
    for (Path controller : controllers()) {
      try {
        Files.createDirectories(controller.resolve(root));
      } catch (IOException e) {
        throw new LabException(
            "Cannot create the real node's cgroup " + controller.resolve(root) + ": " + e, e);
      }
    }
  }

  /**
   * The memory of the container with this id (containerd's id, without {@code containerd://}), if
   * it runs.
   */
  Optional<Memory> memory(String containerId) {
    Path base = CGROUP.resolve("memory").resolve(root);
    try (Stream<Path> walk = Files.walk(base)) {
      Optional<Path> dir =
          walk.filter(p -> p.getFileName().toString().equals(containerId)).findFirst();
      if (dir.isEmpty()) {
        return Optional.empty();
      }
      Path d = dir.get();
      Map<String, Long> stat = new LinkedHashMap<>();
      for (String line : Files.readAllLines(d.resolve("memory.stat"))) {
        String[] kv = line.split(" ");
        stat.put(kv[0], Long.parseLong(kv[1]));
      }
      return Optional.of(
          new Memory(
              read(d, "memory.usage_in_bytes"),
              read(d, "memory.max_usage_in_bytes"),
              stat.getOrDefault("total_rss", stat.getOrDefault("rss", -1L)),
              read(d, "memory.limit_in_bytes"),
              read(d, "memory.failcnt")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the root's tree in every controller, deepest first (the processes in it are gone by
   * then).
   */
  void remove() {
    for (Path controller : controllers()) {
      Path dir = controller.resolve(root);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        LOG.warn("lab: cannot remove cgroup {}: {}", dir, e.toString());
      }
    }
  }

  private static long read(Path dir, String file) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve(file)).strip());
  }

  private static List<Path> controllers() {
    try (Stream<Path> entries = Files.list(CGROUP)) {
      return entries
          .filter(
              p ->
                  Files.isRegularFile(p.resolve("cgroup.procs"))
                      && !p.getFileName().toString().equals("unified"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
