package io.github.milvusmonitored.milvus;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test chart: the Milvus chart's values keys and ServiceMonitor shape, nothing more. */
final class ChartFixture {

  private ChartFixture() {}

  static Path directory() {
    try {
      return Path.of(ChartFixture.class.getResource("/milvus-chart-fixture/Chart.yaml").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A configuration that renders the fixture chart offline. */
  static MilvusReleaseConfig.Builder config() {
    return MilvusReleaseConfig.builder().withLocalChart(directory());
  }
}
