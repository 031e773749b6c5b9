package io.github.milvusmonitored.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what an earlier JVM of this library left in the temporary folder when it could not clean
 * up (SIGKILL, a crash): Helm workspaces and private kubeconfigs, named {@code <family><pid>-…}.
 * Only entries of a family this library names, whose process no longer runs, are removed; anything
 * else, including the entries of running processes and of other users, is left alone.
 */
public final class LeftoverFiles {

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverFiles.class);

  private LeftoverFiles() {}

  /** The name start of this JVM's entries of {@code family}, e.g. {@code milvus-helm-4242-}. */
  public static String prefix(String family) {
    return family + ProcessHandle.current().pid() + "-";
  }

  /**
   * Removes the entries of {@code family} under {@code folder} left by processes that no longer
   * run.
   */
  public static List<Path> sweep(Path folder, String family) {
    List<Path> stale;
    try (Stream<Path> entries = Files.list(folder)) {
      stale = entries.filter(p -> isLeftover(p.getFileName().toString(), family)).toList();
    } catch (IOException e) {
      LOG.debug("cannot list {} for leftovers: {}", folder, e.toString());
      return List.of();
    }
    stale.forEach(LeftoverFiles::delete);
    if (!stale.isEmpty()) {
      LOG.info(
          "removed {} left by earlier runs that ended without cleaning up: {}",
          family + "<pid>-*",
          stale);
    }
    return stale;
  }

  /** Same as {@link #sweep(Path, String)} in {@code java.io.tmpdir}. */
  public static List<Path> sweepTemp(String family) {
    return sweep(Path.of(System.getProperty("java.io.tmpdir")), family);
  }

  static boolean isLeftover(String name, String family) {
    if (!name.startsWith(family)) {
      return false;
    }
    String rest = name.substring(family.length());
    int dash = rest.indexOf('-');
    if (dash <= 0) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(rest.substring(0, dash));
    } catch (NumberFormatException notOurs) {
      return false;
    }
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
  }

  private static void delete(Path entry) {
    try (Stream<Path> paths = Files.walk(entry)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  LOG.debug("cannot remove leftover {}: {}", p, e.toString());
                }
              });
    } catch (IOException e) {
      LOG.debug("cannot remove leftover {}: {}", entry, e.toString());
    }
  }
}
