package io.github.milvusmonitored.images.internal;

import io.github.milvusmonitored.images.ImageReference;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command lines run inside the k3s container, and the parsing of their output. The rancher/k3s
 * image links {@code ctr} to k3s, whose {@code ctr} talks to k3s's own containerd socket; the
 * kubelet's images live in containerd namespace {@code k8s.io}.
 */
public final class ContainerdCommands {

  /** Where archives are copied before import; removed afterwards. */
  public static final String ARCHIVE_DIRECTORY = "/tmp";

  private ContainerdCommands() {}

  /** Lists the references containerd holds for the kubelet, one per line. */
  public static List<String> listImages() {
    return List.of("ctr", "-n", "k8s.io", "images", "ls", "-q");
  }

  /** Imports a {@code docker save} archive; the image keeps the names the archive gives it. */
  public static List<String> importArchive(String containerPath) {
    return List.of("ctr", "-n", "k8s.io", "images", "import", containerPath);
  }

  /**
   * Imports only {@code platform}'s content (e.g. {@code linux/amd64}) of a {@code docker save}
   * archive, so that the other platforms an OCI index lists without their blobs are ignored. {@code
   * ctr images import --platform} exists in containerd 1.7 and 2.x; it narrows both the local
   * import (strict platform match) and the transfer-service import (read in containerd's
   * cmd/ctr/commands/images/import.go, v2.1.5 to v2.2.3).
   */
  public static List<String> importArchive(String containerPath, String platform) {
    return platform == null
        ? importArchive(containerPath)
        : List.of("ctr", "-n", "k8s.io", "images", "import", "--platform", platform, containerPath);
  }

  /** Prints the node's machine architecture ({@code x86_64}, {@code aarch64}, ...). */
  public static List<String> machineArchitecture() {
    return List.of("uname", "-m");
  }

  /**
   * The containerd platform for {@code uname -m}'s answer, or null when it is not one k3s ships
   * for.
   */
  public static String platformOf(String unameMachine) {
    return switch (unameMachine == null ? "" : unameMachine.strip()) {
      case "x86_64", "amd64" -> "linux/amd64";
      case "aarch64", "arm64" -> "linux/arm64";
      case "armv7l", "armv7" -> "linux/arm/v7";
      case "s390x" -> "linux/s390x";
      case "ppc64le" -> "linux/ppc64le";
      case "riscv64" -> "linux/riscv64";
      default -> null;
    };
  }

  /** Removes a copied archive. */
  public static List<String> removeArchive(String containerPath) {
    return List.of("rm", "-f", containerPath);
  }

  /**
   * The archive path for an image: its reference with every character outside [A-Za-z0-9.-]
   * replaced.
   */
  public static String archivePath(String image) {
    return ARCHIVE_DIRECTORY
        + "/milvus-monitored-"
        + image.replaceAll("[^A-Za-z0-9.-]", "_")
        + ".tar";
  }

  /**
   * Parses {@code ctr images ls -q}: one reference per line, normalised; content-addressed entries
   * ({@code sha256:...}) and lines that are no image reference are skipped.
   */
  public static Set<String> parseImageList(String stdout) {
    Set<String> images = new TreeSet<>();
    for (String line : stdout.split("\\R")) {
      String reference = line.strip();
      if (reference.isEmpty() || reference.startsWith("sha256:")) {
        continue;
      }
      try {
        images.add(ImageReference.normalize(reference));
      } catch (IllegalArgumentException notAReference) {
        // containerd may hold names that are not pullable references; they cannot match a required
        // image
      }
    }
    return images;
  }
}
