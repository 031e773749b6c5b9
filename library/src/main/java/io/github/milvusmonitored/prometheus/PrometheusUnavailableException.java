package io.github.milvusmonitored.prometheus;

import java.net.URI;
import java.time.Duration;

/**
 * No usable answer came from Prometheus: the connection failed, the request timed out, or it was
 * still starting when the startup wait ran out.
 */
public class PrometheusUnavailableException extends PrometheusException {
  private static final long serialVersionUID = 1L;

  private final URI uri;
  private final Duration timeout;

  public PrometheusUnavailableException(
      String message, URI uri, Duration timeout, Throwable cause) {
    super(message, cause);
    this.uri = uri;
    this.timeout = timeout;
  }

  /** The URI that was asked. */
  public URI uri() {
    return uri;
  }

  /** The deadline that applied. */
  public Duration timeout() {
    return timeout;
  }
}
