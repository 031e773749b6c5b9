package io.github.milvusmonitored.junit.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MilvusEndpoint;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.lang.reflect.Constructor;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/** The parameter types the extension supplies, and how each is obtained from the environment. */
final class ParameterTypes {

  private static final List<Class<?>> ENVIRONMENT_TYPES =
      List.of(
          MonitoredEnvironment.class,
          MilvusMetrics.class,
          PrometheusClient.class,
          KubernetesClient.class,
          MilvusEndpoint.class);

  private record ClientKey(Class<?> testClass) {}

  private ParameterTypes() {}

  /** Whether the extension supplies parameters of {@code type}. */
  static boolean supports(Class<?> type) {
    return ENVIRONMENT_TYPES.contains(type) || MilvusSdk.isClientType(type);
  }

  /** The value for a parameter of a supported {@code type}. */
  static Object resolve(Class<?> type, MonitoredEnvironment environment, ExtensionContext context) {
    if (type == MonitoredEnvironment.class) {
      return environment;
    }
    if (type == MilvusMetrics.class) {
      return environment.milvusMetrics();
    }
    if (type == PrometheusClient.class) {
      return environment.prometheus();
    }
    if (type == KubernetesClient.class) {
      return environment.kubernetesClient();
    }
    if (type == MilvusEndpoint.class) {
      return environment.milvusEndpoint();
    }
    ExtensionContext classContext = ContextSupport.classContext(context);
    return classContext
        .getStore(ContextSupport.NAMESPACE)
        .getOrComputeIfAbsent(
            new ClientKey(classContext.getRequiredTestClass()),
            key -> MilvusSdk.connect(environment.milvusEndpoint()),
            MilvusSdk.ClientHandle.class)
        .client();
  }

  /** Where the parameter is, in words: "parameter 'x' of method test(..)". */
  static String describe(ParameterContext parameter) {
    var executable = parameter.getDeclaringExecutable();
    String owner =
        executable instanceof Constructor<?>
            ? "the constructor of " + executable.getDeclaringClass().getSimpleName()
            : "method " + executable.getName() + "(..)";
    return "parameter '" + parameter.getParameter().getName() + "' of " + owner;
  }
}
