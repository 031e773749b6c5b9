package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.junit.spi.EnvironmentFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Finds the {@link EnvironmentFactory}: the one registered through ServiceLoader, or the library's
 * own.
 */
final class EnvironmentFactories {

  static final String LIBRARY_FACTORY =
      "io.github.milvusmonitored.environment.MonitoredEnvironments";

  private EnvironmentFactories() {}

  /** The factory to use with the context class loader. */
  static EnvironmentFactory find() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<EnvironmentFactory> registered =
        ServiceLoader.load(
                EnvironmentFactory.class,
                loader != null ? loader : EnvironmentFactories.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (registered.size() > 1) {
      throw new ExtensionConfigurationException(
          ExtensionErrors.severalFactories(
              registered.stream().map(f -> f.getClass().getName()).toList()));
    }
    return registered.isEmpty() ? EnvironmentFactories::startWithLibrary : registered.get(0);
  }

  /** Calls {@code MonitoredEnvironments.start(config)} without a compile-time dependency on it. */
  static MonitoredEnvironment startWithLibrary(EnvironmentConfig config) {
    Method start;
    try {
      start = Class.forName(LIBRARY_FACTORY).getMethod("start", EnvironmentConfig.class);
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
      throw new ExtensionConfigurationException(ExtensionErrors.noFactory(LIBRARY_FACTORY, e), e);
    }
    try {
      return (MonitoredEnvironment) start.invoke(null, config);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException(ExtensionErrors.noFactory(LIBRARY_FACTORY, e), e);
    }
  }
}
