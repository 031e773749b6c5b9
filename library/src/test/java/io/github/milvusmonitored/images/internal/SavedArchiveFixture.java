package io.github.milvusmonitored.images.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes archives laid out as {@code docker save} writes them (Docker 25+: an OCI layout next to
 * {@code manifest.json}): from the containerd image store, an index pointing at the image's whole
 * multi-platform index with only the local platform's blobs; from the classic store, one manifest.
 */
public final class SavedArchiveFixture {

  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  private SavedArchiveFixture() {}

  /**
   * The containerd store's archive of {@code image}: its index lists linux/amd64, linux/arm64/v8,
   * linux/386 and an attestation manifest; only {@code present}'s manifest, config and layer are in
   * it.
   */
  public static Path containerdStore(Path file, String image, String present) throws IOException {
    SavedArchiveFixture f = new SavedArchiveFixture();
    String[][] platforms = {{"amd64", ""}, {"arm64", "v8"}, {"386", ""}};
    StringBuilder children = new StringBuilder();
    String presentManifest = null;
    for (String[] p : platforms) {
      String platform = "linux/" + p[0] + (p[1].isEmpty() ? "" : "/" + p[1]);
      String layer = digest(("layer of " + platform).getBytes(StandardCharsets.UTF_8));
      String config =
          "{\"architecture\":\""
              + p[0]
              + "\",\"os\":\"linux\""
              + (p[1].isEmpty() ? "" : ",\"variant\":\"" + p[1] + "\"")
              + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
              + layer
              + "\"]}}";
      String manifest = manifest(digest(bytes(config)), config.length(), layer);
      if (platform.equals(present)) {
        f.blob(("layer of " + platform).getBytes(StandardCharsets.UTF_8));
        f.blob(bytes(config));
        f.blob(bytes(manifest));
        presentManifest = manifest;
      }
      children
          .append(children.length() == 0 ? "" : ",")
          .append(
              "{\"mediaType\":\"application/vnd.oci.image.manifest" + ".v1+json\",\"digest\":\"")
          .append(digest(bytes(manifest)))
          .append("\",\"size\":")
          .append(manifest.length())
          .append(",\"platform\":{\"architecture\":\"")
          .append(p[0])
          .append("\",\"os\":\"linux\"")
          .append(p[1].isEmpty() ? "" : ",\"variant\":\"" + p[1] + "\"")
          .append("}}");
    }
    // buildx attaches provenance as a manifest for platform unknown/unknown; Docker saves it
    // without content.
    children
        .append(
            ",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:")
        .append("d".repeat(64))
        .append("\",\"size\":566,\"annotations\":{\"vnd.docker.reference.digest\":\"")
        .append(digest(bytes(presentManifest == null ? "" : presentManifest)))
        .append("\",")
        .append(
            "\"vnd.docker.reference.type\":\"attestation-manifest\"},\"platform\":{\"architecture\":\"unknown\",")
        .append("\"os\":\"unknown\"}}");
    String imageIndex =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":["
            + children
            + "]}";
    f.blob(bytes(imageIndex));
    f.entries.put(
        "index.json",
        bytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
                + digest(bytes(imageIndex))
                + "\",\"size\":"
                + imageIndex.length()
                + ",\"annotations\":{"
                + "\"io.containerd.image.name\":\""
                + image
                + "\",\"org.opencontainers.image.ref.name\":\""
                + image.substring(image.lastIndexOf(':') + 1)
                + "\"}}]}"));
    f.entries.put("oci-layout", bytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
    f.entries.put(
        "manifest.json",
        bytes(
            "[{\"Config\":\"blobs/sha256/x\",\"RepoTags\":[\""
                + image
                + "\"],"
                + "\"Layers\":[]}]"));
    return f.write(file);
  }

  /**
   * The classic store's archive: the index names the one local manifest, without a platform field.
   */
  public static Path classicStore(Path file, String image, String architecture) throws IOException {
    SavedArchiveFixture f = new SavedArchiveFixture();
    byte[] layer = bytes("layer");
    String config = "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\"}";
    String manifest = manifest(digest(bytes(config)), config.length(), digest(layer));
    f.blob(layer);
    f.blob(bytes(config));
    f.blob(bytes(manifest));
    f.entries.put(
        "index.json",
        bytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + digest(bytes(manifest))
                + "\",\"size\":"
                + manifest.length()
                + ",\"annotations\":{"
                + "\"io.containerd.image.name\":\""
                + image
                + "\"}}]}"));
    f.entries.put("oci-layout", bytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
    return f.write(file);
  }

  private static String manifest(String configDigest, int configSize, String layerDigest) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest
        + "\",\"size\":"
        + configSize
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
        + layerDigest
        + "\",\"size\":10}]}";
  }

  private void blob(byte[] content) {
    entries.put("blobs/sha256/" + digest(content).substring("sha256:".length()), content);
  }

  private Path write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
