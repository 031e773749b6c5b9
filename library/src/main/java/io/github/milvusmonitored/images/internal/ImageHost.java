package io.github.milvusmonitored.images.internal;

import java.io.IOException;
import java.nio.file.Path;

/** The Docker engine images are loaded from. */
public interface ImageHost {

  /** Whether the engine holds this image. */
  boolean has(String image);

  /** Writes the image as a {@code docker save} archive to {@code archive}. */
  void save(String image, Path archive) throws IOException;
}
