package io.github.milvusmonitored.upgrade;

/**
 * The upgrade check could not read its input: a rule file that is not YAML, a dashboard without
 * queries, ...
 */
public final class UpgradeCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UpgradeCheckException(String message) {
    super(message);
  }

  public UpgradeCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
