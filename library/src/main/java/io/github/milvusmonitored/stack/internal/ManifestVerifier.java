package io.github.milvusmonitored.stack.internal;

import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a read {@code manifests/} tree against a checksum list, file by file. */
public final class ManifestVerifier {

  private ManifestVerifier() {}

  /**
   * Returns the files in checksum-list order, or throws listing every changed, missing and
   * unexpected file.
   */
  public static List<ManifestFile> verify(
      Map<String, byte[]> files, ManifestChecksums checksums, String sourceDescription) {
    List<String> problems = new ArrayList<>();
    List<ManifestFile> verified = new ArrayList<>();
    for (Map.Entry<String, String> expected : checksums.sha256ByPath().entrySet()) {
      byte[] content = files.get(expected.getKey());
      if (content == null) {
        problems.add(KubePrometheusErrors.missingFile(expected.getKey()));
        continue;
      }
      String actual = Sha256.hex(content);
      if (!actual.equals(expected.getValue())) {
        problems.add(
            KubePrometheusErrors.checksumDiffers(expected.getKey(), expected.getValue(), actual));
      } else {
        verified.add(new ManifestFile(expected.getKey(), content));
      }
    }
    for (String path : files.keySet()) {
      if (!checksums.sha256ByPath().containsKey(path)) {
        problems.add(KubePrometheusErrors.unexpectedFile(path));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestVerificationException(
          KubePrometheusErrors.verificationFailed(sourceDescription, checksums.version(), problems),
          problems);
    }
    return List.copyOf(verified);
  }
}
