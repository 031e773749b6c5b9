package io.github.milvusmonitored.milvus.internal;

import io.github.milvusmonitored.internal.LeftoverFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary directory for one release: an empty Helm repository configuration (so Helm
 * never reads the user's), the downloaded chart and the values file. Deleted on {@link #close()}.
 */
public final class HelmWorkspace implements AutoCloseable {

  private final Path root;
  private final Path repositoryConfig;

  private HelmWorkspace(Path root, Path repositoryConfig) {
    this.root = root;
    this.repositoryConfig = repositoryConfig;
  }

  /** What every workspace folder's name starts with, before the process id. */
  public static final String FAMILY = "milvus-helm-";

  /** The start of every workspace folder's name in this JVM: {@code milvus-helm-<pid>-}. */
  public static final String PREFIX = LeftoverFiles.prefix(FAMILY);

  /**
   * Creates the directory and its empty repository configuration, after removing the workspaces of
   * earlier JVMs that ended without removing theirs.
   */
  public static HelmWorkspace create() {
    LeftoverFiles.sweepTemp(FAMILY);
    try {
      Path root = Files.createTempDirectory(PREFIX);
      Path repositories =
          Files.writeString(
              root.resolve("repositories.yaml"), "apiVersion: \"\"\nrepositories: []\n");
      return new HelmWorkspace(root, repositories);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the Helm release", e);
    }
  }

  public Path root() {
    return root;
  }

  public Path repositoryConfig() {
    return repositoryConfig;
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
