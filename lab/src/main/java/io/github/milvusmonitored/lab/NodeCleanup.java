package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the real node leaves on the machine when its programs stop, removed: shims, mounts, folders.
 */
final class NodeCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(NodeCleanup.class);

  private NodeCleanup() {}

  /**
   * Kills the containerd shims that served this node's containerd (their command line names its
   * socket).
   */
  static void killShims(Path socket) {
    String address = socket.toString();
    ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("containerd-shim") && c.contains(address))
                    .orElse(false))
        .forEach(
            p -> {
              LOG.info("lab: killing containerd shim {}", p.pid());
              p.destroyForcibly();
            });
  }

  /**
   * Unmounts every mount point under {@code dir}, deepest first (lazily, as a killed container may
   * hold one).
   */
  static void unmountUnder(Path dir) {
    List<String> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String point = line.split(" ")[4].replace("\\040", " ");
        if (point.startsWith(dir.toString() + "/") || point.equals(dir.toString())) {
          points.add(point);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read /proc/self/mountinfo", e);
    }
    points.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : points) {
      NodeCommand.Result result =
          NodeCommand.run(List.of("umount", "-l", point), Duration.ofSeconds(10));
      if (result.exitCode() != 0) {
        LOG.warn("lab: cannot unmount {}: {}", point, result.output());
      }
    }
  }

  /** Deletes a folder tree (after {@link #unmountUnder}); a failure is logged, not thrown. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("lab: cannot delete {}: {}", dir, e.toString());
    }
  }
}
