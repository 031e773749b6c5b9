package io.github.milvusmonitored.stack;

import java.util.List;

/**
 * Thrown when manifest files do not match the checksum list of their kube-prometheus version.
 *
 * <p>{@link #problems()} holds one line per changed, missing or unexpected file, for example {@code
 * manifests/prometheus-prometheus.yaml: sha256 expected 661c..., actual 0b1d...}.
 */
public final class ManifestVerificationException extends KubePrometheusException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ManifestVerificationException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** One line per file that differs, is missing or was not expected. */
  public List<String> problems() {
    return problems;
  }
}
