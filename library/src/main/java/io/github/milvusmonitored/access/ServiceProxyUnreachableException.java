package io.github.milvusmonitored.access;

import java.io.IOException;

/**
 * The API server's service proxy could not reach the Service's pods; the message says why and what
 * to do.
 */
final class ServiceProxyUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  ServiceProxyUnreachableException(String message) {
    super(message);
  }
}
