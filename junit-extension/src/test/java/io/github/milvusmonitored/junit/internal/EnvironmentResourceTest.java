package io.github.milvusmonitored.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnvironmentResourceTest {

  private final AtomicInteger closes = new AtomicInteger();
  private final ResolvedConfiguration resolved =
      new ConfigurationResolver(Map.of(), Map.of()).resolve(Optional.empty());

  @Test
  void a_jvm_stopping_before_the_run_ends_closes_the_environment_once() {
    EnvironmentResource resource = EnvironmentResource.start(resolved, config -> counting());
    try {
      resource.shutdownHook().run();
      resource.close();

      assertThat(closes).hasValue(1);
    } finally {
      Runtime.getRuntime().removeShutdownHook(resource.shutdownHook());
    }
  }

  @Test
  void closing_at_the_end_of_the_run_removes_the_shutdown_hook() {
    EnvironmentResource resource = EnvironmentResource.start(resolved, config -> counting());

    resource.close();

    assertThat(closes).hasValue(1);
    assertThat(Runtime.getRuntime().removeShutdownHook(resource.shutdownHook()))
        .as("hook still registered")
        .isFalse();
  }

  private MonitoredEnvironment counting() {
    return (MonitoredEnvironment)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {MonitoredEnvironment.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closes.incrementAndGet();
              }
              return null;
            });
  }
}
