package io.github.milvusmonitored.images;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What preloading did.
 *
 * @param plan the plan it carried out
 * @param loaded the images imported from the Docker host and then found in k3s
 * @param failed the images whose loading failed, with the reason; k3s will try to pull them
 * @param elapsed how long planning and loading took
 */
public record PreloadReport(
    PreloadPlan plan, List<String> loaded, Map<String, String> failed, Duration elapsed) {

  /** Keeps the collections read-only. */
  public PreloadReport {
    loaded = List.copyOf(loaded);
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }

  /** The images k3s still has to pull: planned as {@link PreloadAction#PULL}, or failed to load. */
  public List<String> toPull() {
    TreeSet<String> images = new TreeSet<>(plan.imagesWith(PreloadAction.PULL));
    images.addAll(failed.keySet());
    return List.copyOf(images);
  }

  /**
   * A one-line summary, e.g. {@code "4 present, 2 loaded from the Docker host, 1 to pull, in 38
   * s"}.
   */
  public String summary() {
    return plan.imagesWith(PreloadAction.SKIP_PRESENT).size()
        + " present, "
        + loaded.size()
        + " loaded from the Docker host, "
        + (failed.isEmpty() ? "" : failed.size() + " failed to load, ")
        + toPull().size()
        + " to pull, in "
        + elapsed.toSeconds()
        + " s";
  }
}
