package io.github.milvusmonitored.stack;

import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expected sha256 of every file under {@code manifests/} of one kube-prometheus version.
 *
 * <p>The list of a supported version ships with the library; a custom list (another version, an
 * edited copy) can be parsed from {@code sha256sum} output:
 *
 * <pre>{@code
 * ManifestChecksums shipped = ManifestChecksums.forVersion("v0.18.0");
 * ManifestChecksums mine = ManifestChecksums.parse("my-fork", Files.readString(list));
 * }</pre>
 *
 * @param version the label used in messages, e.g. {@code v0.18.0}
 * @param sha256ByPath lower-case hex sums keyed by path, e.g. {@code
 *     manifests/setup/namespace.yaml}, sorted by path
 */
public record ManifestChecksums(String version, Map<String, String> sha256ByPath) {

  /** Versions whose checksum list ships with the library. */
  public static final List<String> SHIPPED_VERSIONS = List.of("v0.18.0");

  private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(\\S.*)$");

  public ManifestChecksums {
    sha256ByPath = Collections.unmodifiableMap(new TreeMap<>(sha256ByPath));
  }

  /** Loads the shipped list of {@code version}; an unknown version names the shipped ones. */
  public static ManifestChecksums forVersion(String version) {
    if (!SHIPPED_VERSIONS.contains(version)) {
      throw new KubePrometheusException(
          KubePrometheusErrors.unknownVersion(version, SHIPPED_VERSIONS));
    }
    String resource = "kube-prometheus-" + version + "-manifests.sha256";
    try (InputStream in = ManifestChecksums.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " missing from the library jar");
      }
      return parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }

  /**
   * Parses {@code sha256sum} output: one {@code <64 hex> <path>} a line; blank lines and lines
   * starting with {@code #} are ignored, any other line is refused with its number.
   */
  public static ManifestChecksums parse(String version, String text) {
    Map<String, String> sums = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches() || !m.group(2).startsWith("manifests/")) {
        throw new KubePrometheusException(
            KubePrometheusErrors.badChecksumLine(version, i + 1, line));
      }
      if (sums.put(m.group(2), m.group(1).toLowerCase(Locale.ROOT)) != null) {
        throw new KubePrometheusException(
            KubePrometheusErrors.badChecksumLine(version, i + 1, line));
      }
    }
    return new ManifestChecksums(version, sums);
  }

  /** Paths under {@code manifests/setup/} (namespace and CRDs), in apply order. */
  public List<String> setupPaths() {
    return sha256ByPath.keySet().stream().filter(ManifestFile::isSetupPath).toList();
  }

  /** Paths directly under {@code manifests/} (the stack), in apply order. */
  public List<String> stackPaths() {
    return sha256ByPath.keySet().stream().filter(p -> !ManifestFile.isSetupPath(p)).toList();
  }
}
