package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.milvusmonitored.stack.internal.ManifestDownloader;
import io.github.milvusmonitored.stack.internal.ManifestParser;
import io.github.milvusmonitored.stack.internal.ManifestTreeReader;
import io.github.milvusmonitored.stack.internal.ManifestVerifier;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified {@code manifests/} tree of one kube-prometheus release.
 *
 * <p>Every file is checked against the release's checksum list before anything can use it:
 *
 * <pre>{@code
 * KubePrometheusManifests manifests = KubePrometheusManifests.load(); // v0.18.0, downloaded once
 * KubePrometheusManifests offline = KubePrometheusManifests.builder()
 *     .withSource(ManifestSource.archive(Path.of("kube-prometheus-0.18.0.tar.gz")))
 *     .load();
 * }</pre>
 */
public final class KubePrometheusManifests {

  /** The kube-prometheus release used unless another is chosen. */
  public static final String DEFAULT_VERSION = "v0.18.0";

  private static final Logger LOG = LoggerFactory.getLogger(KubePrometheusManifests.class);

  private final String version;
  private final List<ManifestFile> files;

  private KubePrometheusManifests(String version, List<ManifestFile> files) {
    this.version = version;
    this.files = List.copyOf(files);
  }

  /** Downloads (or reuses the cached) {@value #DEFAULT_VERSION} and verifies it. */
  public static KubePrometheusManifests load() {
    return builder().load();
  }

  /** Starts choosing the version, source and checksum list. */
  public static Builder builder() {
    return new Builder(DEFAULT_VERSION, null, null);
  }

  /** The version label of the checksum list the files were verified against. */
  public String version() {
    return version;
  }

  /** Every verified file in path order (the stack's files, then {@code setup/}). */
  public List<ManifestFile> files() {
    return files;
  }

  /** The files of {@code manifests/setup/} in apply order (file name order, like kubectl). */
  public List<ManifestFile> setupFiles() {
    return files.stream().filter(ManifestFile::isSetup).toList();
  }

  /** The files directly under {@code manifests/} that {@code profile} keeps, in apply order. */
  public List<ManifestFile> stackFiles(StackProfile profile) {
    return files.stream().filter(f -> !f.isSetup() && profile.keeps(f.path())).toList();
  }

  /** The Kubernetes objects of {@code file}, as {@code profile} applies them. */
  public static List<HasMetadata> resources(ManifestFile file, StackProfile profile) {
    return ManifestParser.parse(file).stream().map(profile::prepare).toList();
  }

  /** Chooses where the manifests come from and which checksum list verifies them. */
  public static final class Builder {

    private final String version;
    private final ManifestSource source;
    private final ManifestChecksums checksums;

    private Builder(String version, ManifestSource source, ManifestChecksums checksums) {
      this.version = Objects.requireNonNull(version, "version");
      this.source = source;
      this.checksums = checksums;
    }

    /** The release; picks the shipped checksum list and the default download. */
    public Builder withVersion(String newVersion) {
      return new Builder(newVersion, source, checksums);
    }

    /**
     * A download, a local archive or a local folder; default {@code
     * ManifestSource.download(version)}.
     */
    public Builder withSource(ManifestSource newSource) {
      return new Builder(version, newSource, checksums);
    }

    /** Verifies against this list instead of the shipped list of the version. */
    public Builder withChecksums(ManifestChecksums newChecksums) {
      return new Builder(version, source, newChecksums);
    }

    /**
     * Reads and verifies the manifests; throws {@link ManifestVerificationException} on any
     * difference.
     */
    public KubePrometheusManifests load() {
      ManifestChecksums list =
          checksums != null ? checksums : ManifestChecksums.forVersion(version);
      ManifestSource from = source != null ? source : ManifestSource.download(version);
      List<ManifestFile> files;
      if (from instanceof ManifestSource.Download download) {
        files = ManifestDownloader.obtain(download, list);
      } else if (from instanceof ManifestSource.Archive archive) {
        files =
            ManifestVerifier.verify(
                ManifestTreeReader.readArchive(archive.file()), list, from.describe());
      } else {
        ManifestSource.Directory directory = (ManifestSource.Directory) from;
        files =
            ManifestVerifier.verify(
                ManifestTreeReader.readDirectory(directory.folder()), list, from.describe());
      }
      LOG.info(
          "kube-prometheus {}: {} manifest files verified from {}",
          list.version(),
          files.size(),
          from.describe());
      return new KubePrometheusManifests(list.version(), files);
    }
  }
}
