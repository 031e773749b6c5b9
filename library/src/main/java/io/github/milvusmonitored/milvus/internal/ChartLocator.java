package io.github.milvusmonitored.milvus.internal;

import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the chart to hand to Helm: the configured local chart, or one downloaded once per run. */
public final class ChartLocator {

  private static final Logger LOG = LoggerFactory.getLogger(ChartLocator.class);

  private final MilvusReleaseConfig config;
  private final ChartRepositoryClient repositoryClient;
  private Path chart;

  public ChartLocator(MilvusReleaseConfig config) {
    this(config, new ChartRepositoryClient(Duration.ofSeconds(20), Duration.ofMinutes(2)));
  }

  ChartLocator(MilvusReleaseConfig config, ChartRepositoryClient repositoryClient) {
    this.config = config;
    this.repositoryClient = repositoryClient;
  }

  /** Returns the chart path, downloading it into the workspace on first use. */
  public synchronized Path locate(HelmWorkspace workspace) {
    if (chart == null) {
      chart =
          config.localChart() != null
              ? checkedLocalChart(config.localChart())
              : repositoryClient.fetch(
                  config.chartRepository(),
                  config.chartName(),
                  config.chartVersion(),
                  workspace.root());
    }
    return chart;
  }

  /** Returns a short description of the chart source for messages. */
  public String describe() {
    return config.localChart() != null
        ? config.localChart().toAbsolutePath().toString()
        : config.chartName() + " " + config.chartVersion() + " from " + config.chartRepository();
  }

  private Path checkedLocalChart(Path localChart) {
    Path absolute = localChart.toAbsolutePath();
    Path chartYaml = absolute.resolve("Chart.yaml");
    if (Files.isDirectory(absolute) && Files.isRegularFile(chartYaml)) {
      Map<String, Object> metadata = ValuesFiles.read(chartYaml);
      String name = String.valueOf(metadata.get("name"));
      String version = String.valueOf(metadata.get("version"));
      if (!config.chartName().equals(name)) {
        throw new IllegalArgumentException(MilvusErrors.localChartIsNotMilvus(absolute, name));
      }
      if (!config.chartVersion().equals(version)) {
        throw new IllegalArgumentException(
            MilvusErrors.localChartVersionMismatch(absolute, version, config.chartVersion()));
      }
    }
    LOG.info("Milvus chart: using local chart {}", absolute);
    return absolute;
  }
}
