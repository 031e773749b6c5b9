package io.github.milvusmonitored.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files {@code up} leaves for later: the kubeconfig copy and the timing report, under {@code
 * ~/.cache/milvus-monitored/up}, so that they outlive the JVM (the environment's own kubeconfig is
 * a temporary file).
 *
 * @param folder the folder holding them
 */
public record StablePaths(Path folder) {

  /** {@code <user.home>/.cache/milvus-monitored/up}. */
  public static StablePaths inUserHome() {
    return new StablePaths(
        Path.of(System.getProperty("user.home"), ".cache", "milvus-monitored", "up"));
  }

  public Path kubeconfig() {
    return folder.resolve("kubeconfig");
  }

  public Path reportDirectory() {
    return folder.resolve("report");
  }

  /**
   * Copies {@code source} to {@link #kubeconfig()}, readable by the owner only (it holds a client
   * key).
   */
  public Path copyKubeconfig(Path source) {
    try {
      Files.createDirectories(folder);
      Path target = kubeconfig();
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not copy the kubeconfig "
              + source
              + " to "
              + kubeconfig()
              + ": check that the folder is writable.",
          e);
    }
  }

  /** Deletes the kubeconfig copy; returns whether there was one. */
  public boolean deleteKubeconfig() {
    try {
      return Files.deleteIfExists(kubeconfig());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not delete " + kubeconfig() + "; delete it by hand.", e);
    }
  }
}
