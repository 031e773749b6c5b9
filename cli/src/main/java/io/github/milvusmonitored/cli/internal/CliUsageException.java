package io.github.milvusmonitored.cli.internal;

/** The command line cannot be run as given; the message says why and what is valid. */
public final class CliUsageException extends RuntimeException {
  public CliUsageException(String message) {
    super(message);
  }
}
