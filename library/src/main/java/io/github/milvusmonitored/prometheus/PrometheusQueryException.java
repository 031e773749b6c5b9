package io.github.milvusmonitored.prometheus;

/**
 * Prometheus answered with an error envelope: bad PromQL ({@code bad_data}, HTTP 400), an execution
 * error (422), a query timeout (503), and so on.
 */
public class PrometheusQueryException extends PrometheusException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final String error;
  private final String query;
  private final int httpStatus;

  public PrometheusQueryException(
      String message, String errorType, String error, String query, int httpStatus) {
    super(message);
    this.errorType = errorType;
    this.error = error;
    this.query = query;
    this.httpStatus = httpStatus;
  }

  /**
   * Prometheus's error type: bad_data, execution, timeout, canceled, internal, unavailable,
   * not_found.
   */
  public String errorType() {
    return errorType;
  }

  /** Prometheus's own error text. */
  public String error() {
    return error;
  }

  /** The PromQL or API path that failed. */
  public String query() {
    return query;
  }

  /** The HTTP status code of the answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
