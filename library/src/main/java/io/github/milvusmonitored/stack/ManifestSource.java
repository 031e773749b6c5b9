package io.github.milvusmonitored.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the kube-prometheus {@code manifests/} tree comes from.
 *
 * <pre>{@code
 * ManifestSource.download("v0.18.0");                       // GitHub tag archive, cached
 * ManifestSource.archive(Path.of("kube-prometheus-0.18.0.tar.gz")); // offline CI
 * ManifestSource.directory(Path.of("kube-prometheus"));    // a clone or an unpacked archive
 * }</pre>
 */
public sealed interface ManifestSource
    permits ManifestSource.Download, ManifestSource.Archive, ManifestSource.Directory {

  /** A short description for logs and error messages. */
  String describe();

  /** The GitHub tag archive of {@code version}, cached under {@link #defaultCacheDirectory}. */
  static Download download(String version) {
    return new Download(
        URI.create(
            "https://github.com/prometheus-operator/kube-prometheus/archive/refs/tags/"
                + version
                + ".tar.gz"),
        defaultCacheDirectory(version),
        Duration.ofMinutes(2));
  }

  /** A local {@code .tar.gz} holding {@code manifests/}, at its root or under one top folder. */
  static Archive archive(Path file) {
    return new Archive(file);
  }

  /**
   * A local folder that is either a kube-prometheus checkout (has {@code manifests/}) or {@code
   * manifests/} itself.
   */
  static Directory directory(Path folder) {
    return new Directory(folder);
  }

  /** {@code ~/.cache/milvus-monitored/kube-prometheus/<version>/}. */
  static Path defaultCacheDirectory(String version) {
    return Path.of(
        System.getProperty("user.home"), ".cache", "milvus-monitored", "kube-prometheus", version);
  }

  /**
   * An archive downloaded over HTTP(S) once, verified, then kept in {@code cacheDirectory}.
   *
   * @param uri the archive's address; redirects are followed
   * @param cacheDirectory where the verified archive is kept and reused
   * @param timeout the limit for connecting and for the whole download
   */
  record Download(URI uri, Path cacheDirectory, Duration timeout) implements ManifestSource {

    public Download {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      Objects.requireNonNull(timeout, "timeout");
    }

    public Download withUri(URI newUri) {
      return new Download(newUri, cacheDirectory, timeout);
    }

    public Download withCacheDirectory(Path directory) {
      return new Download(uri, directory, timeout);
    }

    public Download withTimeout(Duration newTimeout) {
      return new Download(uri, cacheDirectory, newTimeout);
    }

    /** The cached archive's file: the last segment of the URI in {@link #cacheDirectory()}. */
    public Path cachedArchive() {
      String p = uri.getPath();
      String name =
          p == null || p.isEmpty() ? "kube-prometheus.tar.gz" : p.substring(p.lastIndexOf('/') + 1);
      return cacheDirectory.resolve(name.isEmpty() ? "kube-prometheus.tar.gz" : name);
    }

    @Override
    public String describe() {
      return "download " + uri + " (cache " + cacheDirectory + ")";
    }
  }

  /** A local {@code .tar.gz} archive. */
  record Archive(Path file) implements ManifestSource {

    public Archive {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return "archive " + file;
    }
  }

  /** A local folder. */
  record Directory(Path folder) implements ManifestSource {

    public Directory {
      Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String describe() {
      return "folder " + folder;
    }
  }
}
