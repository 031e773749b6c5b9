package io.github.milvusmonitored.stack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One verified file of kube-prometheus's {@code manifests/} tree.
 *
 * @param path the path as in the checksum list, e.g. {@code manifests/prometheus-prometheus.yaml}
 * @param content the file's bytes as published
 */
public record ManifestFile(String path, byte[] content) {

  public ManifestFile {
    content = content.clone();
  }

  /** A copy of the file's bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The file name without its folders, e.g. {@code prometheus-prometheus.yaml}. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether the file belongs to {@code manifests/setup/} (namespace and CRDs). */
  public boolean isSetup() {
    return isSetupPath(path);
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  static boolean isSetupPath(String path) {
    return path.startsWith("manifests/setup/");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestFile other
        && path.equals(other.path)
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes)";
  }
}
