package io.github.milvusmonitored.images;

import io.github.milvusmonitored.cluster.K3sCluster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where images come from: {@link ImagePreloader#into(K3sCluster)} uses the Docker engine
 * Testcontainers uses; {@link ImagePreloader#of(ImageTarget, ImageHost)} takes any source of {@code
 * docker save} archives.
 */
public interface ImageHost {

  /** Whether the engine holds this image. */
  boolean has(String image);

  /** Writes the image as a {@code docker save} archive to {@code archive}. */
  void save(String image, Path archive) throws IOException;
}
