package io.github.milvusmonitored.junit.internal;

import java.nio.file.Path;

/**
 * Added as a suppressed exception to a failed test's own exception, so the failure keeps its type,
 * message and IDE comparison while its printed stack trace names the diagnostics folder.
 */
public final class DiagnosticsLocation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path folder;

  DiagnosticsLocation(Path folder) {
    super(ExtensionErrors.diagnosticsWritten(folder.toString()), null, false, false);
    this.folder = folder;
  }

  /** The absolute folder the diagnostics were written to. */
  public Path folder() {
    return folder;
  }
}
