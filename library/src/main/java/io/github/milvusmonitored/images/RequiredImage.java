package io.github.milvusmonitored.images;

import java.util.List;
import java.util.Objects;

/**
 * One image a configuration runs, and what runs it.
 *
 * <p>Example: {@code docker.io/milvusdb/milvus:v2.6.15} needed by {@code "milvus: Deployment
 * milvus/my-release-milvus-standalone (standalone)"}.
 *
 * @param image the normalised reference (see {@link ImageReference})
 * @param neededBy the components that run it, sorted, each once
 */
public record RequiredImage(String image, List<String> neededBy) {

  /** Keeps the list read-only. */
  public RequiredImage {
    Objects.requireNonNull(image, "image");
    neededBy = List.copyOf(neededBy);
  }
}
