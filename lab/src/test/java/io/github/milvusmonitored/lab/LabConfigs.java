package io.github.milvusmonitored.lab;

import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.ManifestSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The environment configuration the lab tests start: the lab as an existing cluster, local inputs,
 * 5 s scrapes.
 */
final class LabConfigs {

  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);
  static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(3);

  private LabConfigs() {}

  /** The real kube-prometheus v0.18.0 manifests (the Maven build names the archive). */
  static Path manifests() {
    Path archive = Path.of(System.getProperty("lab.manifests", ""));
    if (!Files.isRegularFile(archive)) {
      throw new LabException(
          "The kube-prometheus v0.18.0 manifests archive is not at '"
              + archive
              + "' (system property lab.manifests); the lab tests read the real release archive");
    }
    return archive;
  }

  /** The project's Milvus chart fixture. */
  static Path chart() {
    return Path.of(System.getProperty("lab.home"))
        .resolve("../library/src/test/resources/milvus-chart-fixture")
        .normalize();
  }

  static EnvironmentConfig environment(Lab lab, String testName) {
    return EnvironmentConfig.defaults()
        .withCluster(ClusterChoice.existing(lab.kubeconfig()))
        .withManifests(ManifestSource.archive(manifests()))
        .withMilvus(milvus().build())
        .withPreloadImages(false)
        .withStackReadyTimeout(Duration.ofMinutes(2))
        .withFirstSampleTimeout(Duration.ofMinutes(1))
        .withReportDirectory(Path.of("target", "milvus-monitored", testName));
  }

  /**
   * The image tag of the Milvus the lab runs behind the chart's Milvus pods: the real 2.3.5 server
   * (lab/milvus.env). The lab pulls no image, so the tag only tells the library which Milvus it
   * looks at, as a tag does on a cluster.
   */
  static final String MILVUS_TAG = "v2.3.5";

  static MilvusReleaseConfig.Builder milvus() {
    return MilvusReleaseConfig.builder()
        .withLocalChart(chart())
        .withImageTag(MILVUS_TAG)
        .withServiceMonitorInterval(SCRAPE_INTERVAL)
        .withScrapeTimeout(SCRAPE_TIMEOUT)
        .withReadyTimeout(Duration.ofMinutes(2));
  }
}
