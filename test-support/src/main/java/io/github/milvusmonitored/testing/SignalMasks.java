package io.github.milvusmonitored.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process ignores a signal, from the SigIgn mask of {@code /proc/<pid>/status} (Linux). A
 * JVM started from a background job of a non-interactive shell inherits SIGINT and SIGQUIT ignored
 * and keeps them so; a test that sends such a JVM SIGINT checks this first, so that it fails naming
 * the cause instead of waiting for an exit.
 */
public final class SignalMasks {

  private SignalMasks() {}

  /** Whether process {@code pid} ignores signal {@code number} (e.g. 2 for SIGINT). */
  public static boolean ignores(long pid, int number) throws IOException {
    String mask =
        Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
            .filter(l -> l.startsWith("SigIgn:"))
            .findFirst()
            .orElseThrow()
            .substring("SigIgn:".length())
            .strip();
    return (Long.parseUnsignedLong(mask, 16) & (1L << (number - 1))) != 0;
  }

  /** The message of a test that found {@code signal} ignored in the JVM it started. */
  public static String ignoredMessage(String signal, String jvm) {
    return "SIG"
        + signal
        + " is ignored in the "
        + jvm
        + " JVM: it inherited that from the shell that started Maven"
        + " (a background job of a non-interactive shell ignores SIGINT, and the JVM keeps it so); start Maven in the"
        + " foreground or from a shell with job control (set -m)";
  }
}
