package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MilvusEndpoint;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.milvus.v2.client.MilvusClientV2;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParameterInjectionTest {

  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  @MilvusMonitored
  static class InjectsEverywhere {
    private final MonitoredEnvironment fromConstructor;

    InjectsEverywhere(MonitoredEnvironment environment) {
      this.fromConstructor = environment;
    }

    @BeforeAll
    static void beforeAll(MilvusMetrics metrics, PrometheusClient prometheus) {
      SEEN.add(metrics);
      SEEN.add(prometheus);
    }

    @BeforeEach
    void beforeEach(KubernetesClient kubernetes, MilvusEndpoint endpoint) {
      SEEN.add(kubernetes);
      SEEN.add(endpoint);
    }

    @Test
    void every_type_comes_from_one_environment(
        MonitoredEnvironment environment,
        MilvusMetrics metrics,
        PrometheusClient prometheus,
        KubernetesClient kubernetes,
        MilvusEndpoint endpoint) {
      assertThat(environment).isSameAs(fromConstructor);
      assertThat(metrics).isSameAs(environment.milvusMetrics());
      assertThat(prometheus).isSameAs(environment.prometheus());
      assertThat(kubernetes).isSameAs(environment.kubernetesClient());
      assertThat(endpoint).isEqualTo(environment.milvusEndpoint());
      assertThat(metrics.awaitTargetUp(Duration.ofSeconds(30)).isUp()).isTrue();
      assertThat(kubernetes.pods().inNamespace("milvus").list().getItems()).hasSize(1);
    }

    @Test
    void milvus_client_is_connected_and_shared_by_the_class(
        MilvusClientV2 first, MilvusClientV2 second) {
      assertThat(first.getServerVersion()).isEqualTo(FakeMilvusServer.VERSION);
      assertThat(second).isSameAs(first);
      SEEN.add(first);
    }

    @Test
    void milvus_client_of_another_test_in_the_class_is_the_same(MilvusClientV2 client) {
      SEEN.add(client);
    }
  }

  @Test
  void injects_each_type_into_constructors_lifecycle_methods_and_tests() {
    SEEN.clear();
    FakeEnvironmentFactory.reset(Duration.ZERO);

    var results = EngineRuns.run(EngineRuns.host(Map.of()), InjectsEverywhere.class);

    EngineRuns.assertAllSucceeded(results, 3);
    FakeEnvironment environment = FakeEnvironmentFactory.started().get(0);
    assertThat(FakeEnvironmentFactory.started()).hasSize(1);
    assertThat(SEEN)
        .contains(
            environment.milvusMetrics(),
            environment.prometheus(),
            environment.kubernetesClient(),
            environment.milvusEndpoint());
    assertThat(SEEN.stream().filter(MilvusClientV2.class::isInstance).distinct()).hasSize(1);
    assertThat(environment.milvusConnects()).isEqualTo(1);
  }
}
