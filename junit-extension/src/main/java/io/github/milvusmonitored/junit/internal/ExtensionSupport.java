package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code MilvusMonitoredExtension} does at each callback; it holds no state of its own. */
public final class ExtensionSupport {

  private static final Logger LOG = LoggerFactory.getLogger(ExtensionSupport.class);

  private record TestStartKey(String uniqueId) {}

  private ExtensionSupport() {}

  /** Why the class must not run (no Docker and disabledWithoutDocker), checked on classes only. */
  public static Optional<String> disabledReason(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return Optional.empty();
    }
    Optional<ResolvedConfiguration> resolved;
    try {
      resolved = SharedEnvironments.configuration(context);
    } catch (ExtensionConfigurationException invalid) {
      return Optional.empty(); // the class runs and fails in beforeAll with the configuration error
    }
    return resolved
        .filter(r -> r.disabledWithoutDocker() && r.needsDocker())
        .filter(r -> !Host.current().isDockerAvailable())
        .map(r -> ExtensionErrors.disabledWithoutDocker(r.k3sImage()));
  }

  /** Starts (or joins) the class's environment before its first test. */
  public static void startEnvironment(ExtensionContext context) {
    SharedEnvironments.configuration(context)
        .ifPresent(r -> SharedEnvironments.environment(context, r));
  }

  /** Remembers when the test body started, for the failure chart's window. */
  public static void recordTestStart(ExtensionContext context) {
    context
        .getStore(ContextSupport.NAMESPACE)
        .put(new TestStartKey(context.getUniqueId()), Instant.now());
  }

  /** Whether parameters of {@code type} are supplied by the extension. */
  public static boolean supportsParameter(Class<?> type) {
    return ParameterTypes.supports(type);
  }

  /** The value of a supported parameter; fails clearly on a class without the annotation. */
  public static Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ResolvedConfiguration resolved =
        SharedEnvironments.configuration(context)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        ExtensionErrors.notAnnotated(type, ParameterTypes.describe(parameter))));
    return ParameterTypes.resolve(type, SharedEnvironments.environment(context, resolved), context);
  }

  /**
   * Writes the diagnostics of a failed test and attaches their folder to {@code failure} as a
   * suppressed {@link DiagnosticsLocation}. Aborted tests (assumptions) and classes without the
   * annotation are left alone.
   */
  public static void reportFailure(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return;
    }
    Optional<ResolvedConfiguration> resolved = SharedEnvironments.configuration(context);
    Optional<MonitoredEnvironment> environment =
        resolved.flatMap(r -> SharedEnvironments.started(context, r));
    if (environment.isEmpty()) {
      return;
    }
    Path folder = ReportFolders.forTest(resolved.get().environment().reportDirectory(), context);
    Instant start =
        context
            .getStore(ContextSupport.NAMESPACE)
            .getOrDefault(new TestStartKey(context.getUniqueId()), Instant.class, Instant.now());
    try {
      FailureReport.write(environment.get(), folder, failure, start);
      failure.addSuppressed(new DiagnosticsLocation(folder));
      LOG.warn("{} failed; diagnostics written to {}", context.getDisplayName(), folder);
    } catch (RuntimeException e) {
      LOG.warn("Could not write the diagnostics of {} to {}", context.getDisplayName(), folder, e);
      failure.addSuppressed(e);
    }
  }
}
