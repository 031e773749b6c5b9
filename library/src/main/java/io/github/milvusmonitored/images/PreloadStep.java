package io.github.milvusmonitored.images;

import java.util.Objects;

/**
 * The action planned for one image.
 *
 * @param image the normalised reference
 * @param action what preloading does with it
 */
public record PreloadStep(String image, PreloadAction action) {

  /** Checks the parts. */
  public PreloadStep {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(action, "action");
  }
}
