package io.github.milvusmonitored.images;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What preloading will do for each required image, decided from what k3s and the Docker host hold.
 *
 * <p>Pure: every reference is normalised ({@link ImageReference}), so {@code
 * milvusdb/milvus:v2.6.15} on the host matches {@code docker.io/milvusdb/milvus:v2.6.15} in k3s.
 * Example:
 *
 * <pre>{@code
 * PreloadPlan plan = PreloadPlan.of(list.names(), inK3s, onHost);
 * plan.imagesWith(PreloadAction.PULL);   // what k3s will still download
 * }</pre>
 *
 * @param steps one step per required image, sorted by image
 */
public record PreloadPlan(List<PreloadStep> steps) {

  /** Keeps the list read-only. */
  public PreloadPlan {
    steps = List.copyOf(steps);
  }

  /**
   * Plans: an image in k3s is skipped, else one on the host is loaded from it, else it is pulled.
   *
   * @param required the images the configuration runs
   * @param inCluster the images k3s's containerd holds
   * @param onHost the required images the host's Docker holds (others may be listed too)
   * @throws IllegalArgumentException when a reference is malformed
   */
  public static PreloadPlan of(
      Collection<String> required, Collection<String> inCluster, Collection<String> onHost) {
    Set<String> cluster = normalizeAll(inCluster);
    Set<String> host = normalizeAll(onHost);
    List<PreloadStep> steps =
        normalizeAll(required).stream()
            .map(
                image ->
                    new PreloadStep(
                        image,
                        cluster.contains(image)
                            ? PreloadAction.SKIP_PRESENT
                            : host.contains(image)
                                ? PreloadAction.LOAD_FROM_HOST
                                : PreloadAction.PULL))
            .toList();
    return new PreloadPlan(steps);
  }

  /** The images planned for {@code action}, sorted. */
  public List<String> imagesWith(PreloadAction action) {
    return steps.stream().filter(step -> step.action() == action).map(PreloadStep::image).toList();
  }

  /** One line per image: action, then reference. */
  public String format() {
    return steps.stream()
        .map(step -> String.format("%-14s %s", step.action(), step.image()))
        .collect(
            Collectors.joining(
                System.lineSeparator(), "", steps.isEmpty() ? "" : System.lineSeparator()));
  }

  private static Set<String> normalizeAll(Collection<String> images) {
    return images.stream()
        .map(ImageReference::normalize)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
