package io.github.milvusmonitored.lab;

/**
 * The lab could not be built, found or started; the message says which program or step and what to
 * do.
 */
public final class LabException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
