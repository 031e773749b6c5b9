package io.github.milvusmonitored.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** The kube-prometheus-shaped test tree under src/test/resources/kube-prometheus-fixture. */
final class Fixture {

  private Fixture() {}

  /** The fixture's root (holds manifests/ and manifests.sha256). */
  static Path root() {
    try {
      return Path.of(Fixture.class.getResource("/kube-prometheus-fixture").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ManifestChecksums checksums() {
    try {
      return ManifestChecksums.parse(
          "fixture", Files.readString(root().resolve("manifests.sha256")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KubePrometheusManifests manifests() {
    return KubePrometheusManifests.builder()
        .withSource(ManifestSource.directory(root()))
        .withChecksums(checksums())
        .load();
  }

  /** A writable copy of the fixture's manifests/ tree, at {@code target/manifests}. */
  static Path copyTo(Path target) throws IOException {
    Path from = root().resolve("manifests");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path to = target.resolve("manifests").resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /**
   * A tar.gz of {@code tree}'s manifests/ under {@code topFolder} (empty for none), like GitHub's
   * tag archives.
   */
  static Path archive(Path tree, String topFolder, Path archive) throws IOException {
    Path manifests = tree.resolve("manifests");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(manifests)) {
        paths = walk.sorted().toList();
      }
      if (!topFolder.isEmpty()) {
        tar.putArchiveEntry(new TarArchiveEntry(topFolder + "/"));
        tar.closeArchiveEntry();
        addFile(tar, topFolder + "/README.md", "# kube-prometheus\n".getBytes());
      }
      for (Path p : paths) {
        String name =
            (topFolder.isEmpty() ? "" : topFolder + "/")
                + "manifests/"
                + manifests.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
          tar.closeArchiveEntry();
        } else {
          addFile(tar, name, Files.readAllBytes(p));
        }
      }
    }
    return archive;
  }

  private static void addFile(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
