package io.github.milvusmonitored.dashboard;

/**
 * A dashboard could not be obtained or is not a Grafana dashboard; the message says which file and
 * why.
 */
public class DashboardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DashboardException(String message) {
    super(message);
  }

  public DashboardException(String message, Throwable cause) {
    super(message, cause);
  }
}
