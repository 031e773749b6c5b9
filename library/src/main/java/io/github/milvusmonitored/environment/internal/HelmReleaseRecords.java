package io.github.milvusmonitored.environment.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's own records of a release, read and (for a revision left pending) changed with fabric8.
 *
 * <p>Helm 3's default storage driver (read from its source, storage/driver/secrets.go and util.go)
 * keeps each revision in a Secret {@code sh.helm.release.v1.<name>.v<revision>} labelled {@code
 * owner=helm, name=<name>, status=<status>, version=<revision>}, whose {@code release} key holds
 * the release as base64 of gzipped JSON. {@code HELM_DRIVER=configmap} or {@code sql} is not read
 * here.
 */
public final class HelmReleaseRecords {

  /** The latest revision of a release. */
  public record Revision(String name, String namespace, int version, String status, String secret) {
    public boolean pending() {
      return status != null && status.startsWith("pending-");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmReleaseRecords() {}

  /**
   * The latest revision of release {@code name} in {@code namespace}, if Helm has any record of it.
   */
  public static Optional<Revision> latest(KubernetesClient client, String namespace, String name) {
    return client
        .secrets()
        .inNamespace(namespace)
        .withLabel("owner", "helm")
        .withLabel("name", name)
        .list()
        .getItems()
        .stream()
        .filter(
            s ->
                s.getMetadata().getLabels() != null
                    && s.getMetadata().getLabels().get("version") != null)
        .max(Comparator.comparingInt(HelmReleaseRecords::version))
        .map(
            s ->
                new Revision(
                    name,
                    namespace,
                    version(s),
                    s.getMetadata().getLabels().get("status"),
                    s.getMetadata().getName()));
  }

  /**
   * Marks a pending revision failed, as Helm itself marks an upgrade that did not finish, so that
   * the next upgrade is accepted (Helm refuses one while the latest revision is pending).
   */
  @SuppressWarnings("unchecked")
  public static void markFailed(KubernetesClient client, Revision revision, String description) {
    Secret secret =
        client.secrets().inNamespace(revision.namespace()).withName(revision.secret()).get();
    if (secret == null) {
      return;
    }
    Map<String, Object> release = decode(secret.getData().get("release"));
    Map<String, Object> info =
        release.get("info") instanceof Map<?, ?> m
            ? (Map<String, Object>) m
            : new LinkedHashMap<>();
    info.put("status", "failed");
    info.put("description", description);
    release.put("info", info);
    secret.getData().put("release", encode(release));
    secret.getMetadata().getLabels().put("status", "failed");
    client.secrets().inNamespace(revision.namespace()).resource(secret).update();
  }

  /** Decodes a Secret's {@code release} value (itself base64, as every Secret value). */
  static Map<String, Object> decode(String secretValue) {
    try {
      byte[] helmText = Base64.getDecoder().decode(secretValue);
      byte[] data = Base64.getDecoder().decode(new String(helmText, StandardCharsets.UTF_8).trim());
      if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
          data = in.readAllBytes();
        }
      }
      return JSON.readValue(data, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Helm's release record", e);
    }
  }

  static String encode(Map<String, Object> release) {
    try {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(JSON.writeValueAsBytes(release));
      }
      String helmText = Base64.getEncoder().encodeToString(gz.toByteArray());
      return Base64.getEncoder().encodeToString(helmText.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Helm's release record", e);
    }
  }

  private static int version(Secret s) {
    try {
      return Integer.parseInt(s.getMetadata().getLabels().get("version"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
