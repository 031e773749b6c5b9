package io.github.milvusmonitored.stack;

/** A rule file or PrometheusRule that cannot be applied; nothing was changed in the cluster. */
public class RuleFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleFileException(String message) {
    super(message);
  }

  public RuleFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
