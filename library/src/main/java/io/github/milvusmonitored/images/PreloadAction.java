package io.github.milvusmonitored.images;

/** What preloading does with one required image. */
public enum PreloadAction {

  /** k3s's containerd already holds the image; nothing to do. */
  SKIP_PRESENT,

  /** The host's Docker holds it: save it there and import it into k3s. */
  LOAD_FROM_HOST,

  /** Neither has it: k3s pulls it from its registry (or mirror) when a pod needs it. */
  PULL
}
