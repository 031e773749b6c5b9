package io.github.milvusmonitored.images.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Which platforms a {@code docker save} archive holds whole.
 *
 * <p>Docker 25 and later write an OCI layout ({@code index.json}, {@code blobs/sha256/...}) next to
 * the older {@code manifest.json}. With Docker's containerd image store the index points at the
 * image's whole multi-platform index, but only the local platform's blobs are in the archive, and
 * {@code ctr images import} without a platform walks the missing ones and fails with "content
 * digest ... not found" (containerd's own TestImageLoad hit this and passes {@code --platform}
 * since PR #12903; read in its source, not run here). With the classic store the index names one
 * manifest.
 *
 * @param known whether the archive has an OCI index this could read
 * @param complete platforms whose manifest, config and layers are all in the archive, e.g. {@code
 *     linux/amd64}
 * @param missing platforms the index lists whose content is absent (attestations excluded)
 */
public record SavedArchive(boolean known, List<String> complete, List<String> missing) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SMALL = 1 << 20;
  private static final Set<String> INDEX_TYPES =
      Set.of(
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  public SavedArchive {
    complete = List.copyOf(complete);
    missing = List.copyOf(missing);
  }

  /**
   * Reads the tar at {@code archive}; an archive that is no tar or has no OCI index is {@code
   * known=false}.
   */
  public static SavedArchive read(Path archive) throws IOException {
    Set<String> names = new HashSet<>();
    Map<String, byte[]> small = new HashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String name =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        names.add(name);
        if (entry.getSize() <= SMALL) {
          small.put(name, tar.readAllBytes());
        }
      }
    } catch (IOException | IllegalArgumentException notATar) {
      return new SavedArchive(false, List.of(), List.of());
    }
    JsonNode index = json(small.get("index.json"));
    if (index == null) {
      return new SavedArchive(false, List.of(), List.of());
    }
    Set<String> complete = new TreeSet<>();
    Set<String> missing = new TreeSet<>();
    new Walk(names, small, complete, missing).descriptors(index.path("manifests"), null);
    missing.removeAll(complete);
    return new SavedArchive(true, new ArrayList<>(complete), new ArrayList<>(missing));
  }

  /**
   * Whether {@code platform} (e.g. {@code linux/arm64}) is in the archive whole; arm64 and arm64/v8
   * are one.
   */
  public boolean holds(String platform) {
    return complete.stream().anyMatch(p -> normalize(p).equals(normalize(platform)));
  }

  static String normalize(String platform) {
    return platform.equals("linux/arm64/v8") ? "linux/arm64" : platform;
  }

  private record Walk(
      Set<String> names, Map<String, byte[]> small, Set<String> complete, Set<String> missing) {

    void descriptors(JsonNode list, String inherited) {
      for (JsonNode d : list) {
        if ("attestation-manifest"
            .equals(d.path("annotations").path("vnd.docker.reference.type").asText())) {
          continue;
        }
        String platform = d.has("platform") ? platform(d.path("platform")) : inherited;
        JsonNode blob = json(small.get(path(d)));
        if (INDEX_TYPES.contains(d.path("mediaType").asText())
            || (blob != null && blob.has("manifests"))) {
          if (blob != null) {
            descriptors(blob.path("manifests"), platform);
          }
          continue;
        }
        manifest(blob, platform);
      }
    }

    void manifest(JsonNode manifest, String platform) {
      JsonNode config = manifest == null ? null : json(small.get(path(manifest.path("config"))));
      if (platform == null && config != null) {
        platform = platform(config);
      }
      if (platform == null || platform.startsWith("unknown/")) {
        return;
      }
      boolean whole = manifest != null && names.contains(path(manifest.path("config")));
      if (whole) {
        for (JsonNode layer : manifest.path("layers")) {
          whole &= names.contains(path(layer));
        }
      }
      (whole ? complete : missing).add(platform);
    }

    private String path(JsonNode descriptor) {
      String digest = descriptor.path("digest").asText("");
      int colon = digest.indexOf(':');
      return colon < 0
          ? ""
          : "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }
  }

  private static String platform(JsonNode node) {
    String os = node.path("os").asText("");
    String arch = node.path("architecture").asText("");
    if (os.isEmpty() || arch.isEmpty()) {
      return null;
    }
    String variant = node.path("variant").asText("");
    return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
  }

  private static JsonNode json(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }
}
