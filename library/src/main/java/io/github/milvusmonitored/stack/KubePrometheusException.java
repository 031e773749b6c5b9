package io.github.milvusmonitored.stack;

/**
 * Thrown when kube-prometheus cannot be obtained, verified, installed or removed.
 *
 * <p>The message says what happened, with which values, the likely cause and what to do.
 */
public class KubePrometheusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KubePrometheusException(String message) {
    super(message);
  }

  public KubePrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
