package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.EnvironmentStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A failed start as the one error every class of the configuration reports: a paragraph (what
 * failed, why, what to do, where the diagnostics are), then the cause chain once. The library's
 * exceptions repeat their cause's message (each adds what it knows), so the chain as Java prints it
 * ("Caused by: ...") shows the same text two or three times; the reported exception has no cause,
 * and the stack trace of the innermost one, where it failed.
 */
final class StartFailures {

  static final String TIMING_REPORT = "timing-report.json";

  private StartFailures() {}

  static RuntimeException report(
      Class<?> testClass, ResolvedConfiguration resolved, RuntimeException failure) {
    if (failure instanceof ExtensionConfigurationException) {
      return failure; // a configuration error: already one message, and nothing started
    }
    EnvironmentStartException start = failure instanceof EnvironmentStartException e ? e : null;
    Throwable reason = start != null && start.getCause() != null ? start.getCause() : failure;
    Optional<Path> diagnostics = start == null ? Optional.empty() : start.diagnostics();
    Path timing = resolved.environment().reportDirectory().resolve(TIMING_REPORT).toAbsolutePath();
    String paragraph =
        ExtensionErrors.startFailed(
            testClass.getName(),
            start == null ? null : start.phase(),
            message(reason),
            resolved.environment().keepOnFailure(),
            start != null,
            diagnostics.map(Path::toAbsolutePath).orElse(null),
            Files.isRegularFile(timing) ? timing : null);
    // The start exception's own message is the paragraph's source: its text is not repeated.
    String shown = paragraph + (start == null ? "" : "\n" + start.getMessage());
    EnvironmentStartException reported =
        new EnvironmentStartException(
            paragraph + "\n" + ExtensionErrors.causeChain(failure, shown),
            start == null ? "startup" : start.phase(),
            diagnostics.orElse(null),
            null);
    reported.setStackTrace(innermost(failure).getStackTrace());
    return reported;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank()
        ? t.getClass().getName()
        : t.getMessage().strip();
  }

  private static Throwable innermost(Throwable t) {
    Throwable inner = t;
    while (inner.getCause() != null && inner.getCause() != inner) {
      inner = inner.getCause();
    }
    return inner;
  }
}
