package io.github.milvusmonitored.prometheus;

/**
 * Base of every error the Prometheus client raises; unchecked, as AssertJ and Awaitility expect.
 */
public class PrometheusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PrometheusException(String message) {
    super(message);
  }

  public PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
