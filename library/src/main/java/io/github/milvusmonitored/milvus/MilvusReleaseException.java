package io.github.milvusmonitored.milvus;

/**
 * Thrown when the Milvus Helm release cannot be fetched, rendered, installed, queried or removed.
 *
 * <p>The message says what failed, with which release, namespace and chart, the likely cause and
 * what to look at next.
 */
public class MilvusReleaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its explanation and the underlying failure. */
  public MilvusReleaseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with its explanation. */
  public MilvusReleaseException(String message) {
    super(message);
  }
}
