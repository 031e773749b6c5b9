package io.github.milvusmonitored.access;

/**
 * A port-forward could not be opened: no such Service, no ready pod, or the local port is taken.
 */
public class PortForwardException extends RuntimeException {
  public PortForwardException(String message) {
    super(message);
  }

  public PortForwardException(String message, Throwable cause) {
    super(message, cause);
  }
}
