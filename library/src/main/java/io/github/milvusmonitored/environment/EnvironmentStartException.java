package io.github.milvusmonitored.environment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A readiness phase failed; the message names the phase, the cause and where the diagnostics are.
 */
public class EnvironmentStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String phase;
  private final transient Path diagnostics;

  public EnvironmentStartException(
      String message, String phase, Path diagnostics, Throwable cause) {
    super(message, cause);
    this.phase = phase;
    this.diagnostics = diagnostics;
  }

  /** The phase that failed, e.g. "operator ready". */
  public String phase() {
    return phase;
  }

  /** The folder the diagnostics were written to, if they could be written. */
  public Optional<Path> diagnostics() {
    return Optional.ofNullable(diagnostics);
  }
}
