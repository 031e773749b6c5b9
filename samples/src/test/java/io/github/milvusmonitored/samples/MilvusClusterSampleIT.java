package io.github.milvusmonitored.samples;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Milvus in cluster mode, the deployment the Milvus monitoring guide is written for: the chart's
 * ServiceMonitor {@code my-release-milvus} selects the Services of mixcoord, proxy, querynode,
 * datanode and streamingnode, and each is scraped as a target of its own.
 *
 * <p>Uses the library directly with a k3s of its own, because the profile differs from the
 * {@code @MilvusMonitored} environment the other samples share.
 */
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class MilvusClusterSampleIT {

  private static final List<String> COMPONENTS = MilvusProfile.CLUSTER.components();

  @Test
  void every_cluster_component_is_scraped_and_the_proxy_counts_requests() {
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withMilvus(MilvusReleaseConfig.builder().withProfile(MilvusProfile.CLUSTER).build())
            .withReportDirectory(Path.of("target", "milvus-monitored", "cluster-e2e"));
    try (MonitoredEnvironment env = MonitoredEnvironments.start(config)) {
      MilvusMetrics milvus = env.milvusMetrics();

      assertThat(
              env.kubernetesClient()
                  .resources(ServiceMonitor.class)
                  .inNamespace("milvus")
                  .list()
                  .getItems())
          .extracting(monitor -> monitor.getMetadata().getName())
          .containsExactly("my-release-milvus");
      ComponentTargets targets = milvus.awaitComponentsUp(COMPONENTS, Duration.ofMinutes(5));
      assertThat(targets.byComponent()).containsOnlyKeys(COMPONENTS);
      assertThat(targets.byComponent().values())
          .extracting(TargetStatus::state)
          .containsOnly(TargetStatus.State.UP);
      for (String component : COMPONENTS) {
        assertThatMetric(milvus, "milvus_build_info{component=\"" + component + "\"}")
            .eventually(Duration.ofMinutes(2))
            .isPresent();
        assertThatMetric(
                milvus, "max(process_resident_memory_bytes{component=\"" + component + "\"})")
            .isPositive();
      }

      String collection = "samples_cluster_" + System.currentTimeMillis();
      MilvusClientV2 client =
          new MilvusClientV2(
              ConnectConfig.builder().uri(env.milvusEndpoint().uri().toString()).build());
      try {
        InsertAndSearchSampleIT.insertAndSearch(client, collection);

        InsertAndSearchSampleIT.assertProxyMetricsMoved(milvus, collection);
        // Request counts come from the proxy alone, which requestCounts() therefore reads.
        assertThat(
                milvus
                    .prometheus()
                    .query(
                        "count by (component) ("
                            + milvus.release().select("milvus_proxy_req_count")
                            + ")")
                    .samples())
            .extracting(sample -> sample.labels().find("component").orElse(""))
            .containsExactly("proxy");
      } finally {
        InsertAndSearchSampleIT.dropIfPresent(client, collection);
        client.close();
      }
    }
  }
}
