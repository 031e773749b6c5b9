package io.github.milvusmonitored.stack.internal;

import io.github.milvusmonitored.internal.TarReaderClassPath;
import io.github.milvusmonitored.stack.KubePrometheusException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads every file of a {@code manifests/} tree into memory, keyed like the checksum list ({@code
 * manifests/setup/namespace.yaml}). Hidden files (name starting with a dot) are ignored.
 */
public final class ManifestTreeReader {

  private static final String MANIFESTS = "manifests/";

  private ManifestTreeReader() {}

  /** Reads a {@code .tar.gz} whose {@code manifests/} sits at its root or under one top folder. */
  public static Map<String, byte[]> readArchive(Path archive) {
    if (!Files.isRegularFile(archive)) {
      throw new KubePrometheusException(KubePrometheusErrors.archiveMissing(archive));
    }
    TarReaderClassPath.problem("the kube-prometheus archive " + archive)
        .ifPresent(
            problem -> {
              throw new KubePrometheusException(problem);
            });
    Map<String, byte[]> files = new TreeMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String key = manifestKey(entry.getName());
        if (entry.isFile() && key != null) {
          files.put(key, tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new KubePrometheusException(KubePrometheusErrors.archiveUnreadable(archive, e), e);
    }
    if (files.isEmpty()) {
      throw new KubePrometheusException(KubePrometheusErrors.noManifestsIn("archive " + archive));
    }
    return files;
  }

  /** Reads a checkout (holding {@code manifests/}) or a {@code manifests/} folder itself. */
  public static Map<String, byte[]> readDirectory(Path folder) {
    Path manifests =
        Files.isDirectory(folder.resolve("manifests")) ? folder.resolve("manifests") : folder;
    if (!Files.isDirectory(manifests.resolve("setup"))) {
      throw new KubePrometheusException(KubePrometheusErrors.noManifestsIn("folder " + folder));
    }
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(manifests)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String relative = manifests.relativize(file).toString().replace('\\', '/');
        if (!isHidden(relative)) {
          files.put(MANIFESTS + relative, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new KubePrometheusException(KubePrometheusErrors.folderUnreadable(folder, e), e);
    }
    return files;
  }

  /** The checksum-list key of an archive entry, or null when it is outside {@code manifests/}. */
  static String manifestKey(String entryName) {
    String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    if (!name.startsWith(MANIFESTS)) {
      int slash = name.indexOf('/');
      if (slash < 0 || !name.startsWith(MANIFESTS, slash + 1)) {
        return null;
      }
      name = name.substring(slash + 1);
    }
    String relative = name.substring(MANIFESTS.length());
    if (relative.isEmpty() || isHidden(relative)) {
      return null;
    }
    return name;
  }

  private static boolean isHidden(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
