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

  private ContainerdCommands() {
  }

  /** Lists the references containerd holds for the kubelet, one per line. */
  public static List<String> listImages() {
    return List.of("ctr", "-n", "k8s.io", "images", "ls", "-q");
  }

  /** Imports a {@code docker save} archive; the image keeps the names the archive gives it. */
  public static List<String> importArchive(String containerPath) {
    return List.of("ctr", "-n", "k8s.io", "images", "import", containerPath);
  }

  /** Removes a copied archive. */
  public static List<String> removeArchive(String containerPath) {
    return List.of("rm", "-f", containerPath);
  }

  /** The archive path for an image: its reference with every character outside [A-Za-z0-9.-] replaced. */
  public static String archivePath(String image) {
    return ARCHIVE_DIRECTORY + "/milvus-monitored-" + image.replaceAll("[^A-Za-z0-9.-]", "_") + ".tar";
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
        // containerd may hold names that are not pullable references; they cannot match a required image
      }
    }
    return images;
  }
}
