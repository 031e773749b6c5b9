package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One environment per JVM per effective configuration, kept in the root store so that every class
 * with the same configuration shares it and JUnit closes it when the run ends.
 */
public final class SharedEnvironments {

  private SharedEnvironments() {}

  /** The key of an environment in the root store. */
  record EnvironmentKey(EnvironmentConfig config) {}

  /** The key of a class's resolved configuration in its class store. */
  private record ConfigurationKey(Class<?> testClass) {}

  /**
   * The effective configuration of the class {@code context} belongs to, resolved once per class,
   * or empty when the class is not annotated.
   */
  public static Optional<ResolvedConfiguration> configuration(ExtensionContext context) {
    if (ContextSupport.annotation(context).isEmpty()) {
      return Optional.empty();
    }
    ExtensionContext classContext = ContextSupport.classContext(context);
    return Optional.of(
        classContext
            .getStore(ContextSupport.NAMESPACE)
            .getOrComputeIfAbsent(
                new ConfigurationKey(classContext.getRequiredTestClass()),
                key -> resolve(classContext),
                ResolvedConfiguration.class));
  }

  /**
   * The environment for {@code resolved}, started on first use; fails with the Docker message when
   * k3s is needed and Docker is missing, and with one paragraph and the cause chain when the start
   * fails.
   */
  public static MonitoredEnvironment environment(
      ExtensionContext context, ResolvedConfiguration resolved) {
    ExtensionContext.Store root = context.getRoot().getStore(ContextSupport.NAMESPACE);
    EnvironmentKey key = new EnvironmentKey(resolved.environment());
    EnvironmentResource existing = root.get(key, EnvironmentResource.class);
    if (existing != null) {
      return existing.environment();
    }
    if (resolved.needsDocker() && !Host.current().isDockerAvailable()) {
      throw new ExtensionConfigurationException(ExtensionErrors.dockerMissing(resolved.k3sImage()));
    }
    return root.getOrComputeIfAbsent(
            key, k -> start(context.getRequiredTestClass(), resolved), EnvironmentResource.class)
        .environment();
  }

  private static EnvironmentResource start(Class<?> testClass, ResolvedConfiguration resolved) {
    try {
      return EnvironmentResource.start(resolved, EnvironmentFactories.find());
    } catch (RuntimeException e) {
      throw StartFailures.report(testClass, resolved, e);
    }
  }

  /** The environment for {@code resolved} if it was started, without starting it. */
  static Optional<MonitoredEnvironment> started(
      ExtensionContext context, ResolvedConfiguration resolved) {
    EnvironmentResource resource =
        context
            .getRoot()
            .getStore(ContextSupport.NAMESPACE)
            .get(new EnvironmentKey(resolved.environment()), EnvironmentResource.class);
    return Optional.ofNullable(resource).map(EnvironmentResource::environment);
  }

  private static ResolvedConfiguration resolve(ExtensionContext classContext) {
    Host host = Host.current();
    return new ConfigurationResolver(host.properties(), host.variables())
        .resolve(ContextSupport.annotation(classContext));
  }
}
