package io.github.milvusmonitored.images;

import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.milvus.MilvusManifests;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test Milvus chart and the kube-prometheus-shaped test manifests, loaded offline. */
final class ImageFixtures {

  private ImageFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(ImageFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static MilvusReleaseConfig.Builder milvus() {
    return MilvusReleaseConfig.builder()
        .withLocalChart(resource("/milvus-chart-fixture/Chart.yaml").getParent());
  }

  static MilvusManifests render(MilvusReleaseConfig config) {
    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      return release.render();
    }
  }

  static KubePrometheusManifests kubePrometheus() {
    Path root = resource("/kube-prometheus-fixture");
    try {
      return KubePrometheusManifests.builder()
          .withSource(ManifestSource.directory(root))
          .withChecksums(
              ManifestChecksums.parse(
                  "fixture", Files.readString(root.resolve("manifests.sha256"))))
          .load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
