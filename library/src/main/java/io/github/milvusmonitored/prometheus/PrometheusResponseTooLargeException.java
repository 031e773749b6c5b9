package io.github.milvusmonitored.prometheus;

import java.io.IOException;
import java.net.URI;

/**
 * An answer's body was larger than a transport reads ({@link PrometheusTransport#MAX_BODY_BYTES});
 * the exchange was stopped there, so that a runaway answer cannot exhaust the test's memory. {@link
 * PrometheusClient} turns it into a {@link PrometheusException} that names the query.
 */
public final class PrometheusResponseTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient URI uri;
  private final long limitBytes;

  public PrometheusResponseTooLargeException(URI uri, long limitBytes) {
    super(
        "the answer from "
            + uri
            + " is larger than "
            + (limitBytes >> 20)
            + " MiB; reading stopped there");
    this.uri = uri;
    this.limitBytes = limitBytes;
  }

  /** The request whose answer was too large. */
  public URI uri() {
    return uri;
  }

  /** The most a transport reads of one answer, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
