package io.github.milvusmonitored.images;

/** Preloading could not talk to k3s's containerd at all. */
public class ImagePreloadException extends RuntimeException {

  public ImagePreloadException(String message) {
    super(message);
  }
}
