package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.cluster.K3sCluster;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.images.ImageList;
import io.github.milvusmonitored.images.ImagePreloader;
import io.github.milvusmonitored.images.PreloadReport;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the images the configuration runs from the host's Docker into k3s, whose containerd does
 * not see the host's cache. A failed load only costs time: k3s then pulls the image itself.
 */
final class ImagePhase {

  private static final Logger LOG = LoggerFactory.getLogger(ImagePhase.class);

  private ImagePhase() {}

  static void preload(
      EnvironmentConfig config,
      K3sCluster k3s,
      KubePrometheusManifests manifests,
      PhaseClock clock) {
    try {
      clock.run(
          "images preloaded",
          "images present on the Docker host copied into k3s's containerd",
          () -> {
            ImageList images =
                ImageList.of(config.milvus(), config.stackProfile(), manifests, null);
            PreloadReport report = ImagePreloader.into(k3s).preload(images.podImages());
            LOG.info("[images] {}", report.summary());
            if (!report.failed().isEmpty()) {
              LOG.warn("[images] k3s will pull these itself: {}", report.failed());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn(
          "[images] preloading failed ({}); k3s pulls every image itself, which is slower",
          e.getMessage());
    }
  }
}
