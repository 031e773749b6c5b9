package io.github.milvusmonitored.cluster;

/** A cluster could not be started, read or reached; the message says why and what to do. */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
