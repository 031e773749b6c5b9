package io.github.milvusmonitored.lab;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.junit.spi.EnvironmentFactory;
import io.github.milvusmonitored.stack.ManifestSource;

/**
 * The lab has no network: {@code @MilvusMonitored} classes run here with the real kube-prometheus
 * archive and the chart fixture as local inputs, through the extension's public factory interface.
 * The cluster, the timeouts and the scrape settings stay what the annotation and the properties
 * say.
 */
public final class LabEnvironmentFactory implements EnvironmentFactory {

  @Override
  public MonitoredEnvironment start(EnvironmentConfig config) {
    return MonitoredEnvironments.start(
        config
            .withManifests(ManifestSource.archive(LabConfigs.manifests()))
            .withMilvus(config.milvus().toBuilder().withLocalChart(LabConfigs.chart()).build())
            .withPreloadImages(false));
  }
}
