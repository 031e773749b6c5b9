package io.github.milvusmonitored.images;

import io.github.milvusmonitored.cluster.K3sCluster;
import io.github.milvusmonitored.images.internal.ContainerImageTarget;
import io.github.milvusmonitored.images.internal.ContainerdCommands;
import io.github.milvusmonitored.images.internal.DockerImageHost;
import io.github.milvusmonitored.images.internal.ImageErrors;
import io.github.milvusmonitored.images.internal.ImageHost;
import io.github.milvusmonitored.images.internal.ImageTarget;
import io.github.milvusmonitored.images.internal.SavedArchive;
import io.github.milvusmonitored.internal.TarReaderClassPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;

/**
 * Loads images from the host's Docker into a running k3s before anything is installed, so that k3s
 * does not download them.
 *
 * <p>For each required image: skipped if k3s's containerd holds it; otherwise, if the host's Docker
 * holds it, saved there ({@code docker save}), copied into the k3s container and imported with
 * {@code ctr -n k8s.io images import --platform <k3s's platform>}; otherwise left for k3s to pull
 * (and reported). The platform option makes archives from both Docker image stores import: the
 * containerd store saves the whole multi-platform index but only the pulled platforms' content.
 * Example:
 *
 * <pre>{@code
 * ImageList images = ImageList.of(milvusConfig, StackProfile.MINIMAL, source, K3sClusterConfig.DEFAULT_IMAGE);
 * try (K3sCluster k3s = K3sCluster.start(K3sClusterConfig.defaults())) {
 *   PreloadReport report = ImagePreloader.into(k3s).preload(images.podImages());
 *   ...install kube-prometheus and Milvus...
 * }
 * }</pre>
 *
 * <p><b>No network at all.</b> With every image of {@link ImageList} on the host (pulled once, or
 * loaded from archives with {@code docker load}), the k3s system images supplied through {@code
 * K3sClusterConfig.withImageArchives(..)} (k3s's {@code k3s-airgap-images-<arch>.tar.zst}), the
 * kube-prometheus manifests from {@code ManifestSource.archive(..)} and the Milvus chart from
 * {@code MilvusReleaseConfig.Builder.withLocalChart(..)}, a run contacts no registry and no web
 * server. Every chart image uses pull policy {@code IfNotPresent}, so a preloaded image is used as
 * is.
 */
public final class ImagePreloader {

  private static final Logger LOG = LoggerFactory.getLogger(ImagePreloader.class);

  private final ImageTarget target;
  private final ImageHost host;
  private Optional<String> nodePlatform;

  ImagePreloader(ImageTarget target, ImageHost host) {
    this.target = target;
    this.host = host;
  }

  /** Preloads into a started k3s cluster, from the Docker engine Testcontainers uses. */
  public static ImagePreloader into(K3sCluster cluster) {
    return into(cluster.container());
  }

  /** Preloads into a running k3s container, from the Docker engine Testcontainers uses. */
  public static ImagePreloader into(ContainerState k3sContainer) {
    return new ImagePreloader(
        new ContainerImageTarget(k3sContainer),
        new DockerImageHost(DockerClientFactory.instance().client()));
  }

  /** Decides what to do for each image from what k3s and the host hold; changes nothing. */
  public PreloadPlan plan(Collection<String> required) {
    Set<String> inCluster = imagesInCluster();
    List<String> onHost = new ArrayList<>();
    for (String image : required) {
      String normalized = ImageReference.normalize(image);
      if (!inCluster.contains(normalized) && host.has(normalized)) {
        onHost.add(normalized);
      }
    }
    return PreloadPlan.of(required, inCluster, onHost);
  }

  /** Plans and carries out the plan. */
  public PreloadReport preload(Collection<String> required) {
    long start = System.nanoTime();
    PreloadPlan plan = plan(required);
    return execute(plan, start);
  }

  /**
   * Carries out a plan: loads each {@link PreloadAction#LOAD_FROM_HOST} image, then checks k3s
   * holds it.
   */
  public PreloadReport execute(PreloadPlan plan) {
    return execute(plan, System.nanoTime());
  }

  private PreloadReport execute(PreloadPlan plan, long start) {
    List<String> toLoad = plan.imagesWith(PreloadAction.LOAD_FROM_HOST);
    LOG.info(
        "[images] {} required: {} already in k3s, {} to load from the Docker host, {} left to pull",
        plan.steps().size(),
        plan.imagesWith(PreloadAction.SKIP_PRESENT).size(),
        toLoad.size(),
        plan.imagesWith(PreloadAction.PULL).size());
    Map<String, String> failed = new LinkedHashMap<>();
    for (int i = 0; i < toLoad.size(); i++) {
      String image = toLoad.get(i);
      LOG.info(
          "[images] loading {}/{} {} (elapsed {} s)", i + 1, toLoad.size(), image, seconds(start));
      try {
        load(image);
      } catch (ImageLoadFailure e) {
        LOG.warn("[images] {}", e.getMessage());
        failed.put(image, e.getMessage());
      }
    }
    List<String> loaded = new ArrayList<>();
    if (!toLoad.isEmpty()) {
      Set<String> after = imagesInCluster();
      for (String image : toLoad) {
        if (after.contains(image)) {
          loaded.add(image);
        } else {
          failed.putIfAbsent(
              image,
              "imported, but k3s's containerd does not list "
                  + image
                  + " afterwards; the archive may name the image differently");
        }
      }
    }
    PreloadReport report =
        new PreloadReport(plan, loaded, failed, Duration.ofNanos(System.nanoTime() - start));
    if (!report.toPull().isEmpty()) {
      LOG.warn("[images] {}", ImageErrors.notPreloaded(report.toPull()));
    }
    LOG.info("[images] preload done: {}", report.summary());
    return report;
  }

  private Set<String> imagesInCluster() {
    List<String> command = ContainerdCommands.listImages();
    ImageTarget.Outcome outcome = run(command);
    if (outcome.exitCode() != 0) {
      throw new ImagePreloadException(
          ImageErrors.listInClusterFailed(command, outcome.exitCode(), outcome.stderr()));
    }
    return ContainerdCommands.parseImageList(outcome.stdout());
  }

  private void load(String image) {
    Path archive;
    try {
      archive = Files.createTempFile("milvus-monitored-image-", ".tar");
    } catch (IOException e) {
      throw new ImageLoadFailure(ImageErrors.transferFailed(image, "creating a temporary file", e));
    }
    String inContainer = ContainerdCommands.archivePath(image);
    try {
      try {
        host.save(image, archive);
      } catch (IOException | RuntimeException e) {
        throw new ImageLoadFailure(
            ImageErrors.transferFailed(image, "saving it from the Docker host", e));
      }
      String platform = importPlatform(image, archive);
      try {
        target.copy(archive, inContainer);
      } catch (RuntimeException e) {
        throw new ImageLoadFailure(
            ImageErrors.transferFailed(image, "copying the archive into k3s", e));
      }
      List<String> command = ContainerdCommands.importArchive(inContainer, platform);
      ImageTarget.Outcome outcome = run(command);
      if (outcome.exitCode() != 0) {
        throw new ImageLoadFailure(
            ImageErrors.importFailed(image, command, outcome.exitCode(), outcome.stderr()));
      }
    } finally {
      deleteQuietly(archive);
      run(ContainerdCommands.removeArchive(inContainer));
    }
  }

  /**
   * The platform to import: k3s's own. An archive from Docker's containerd image store lists every
   * platform of the image but holds only those pulled; importing without a platform then fails.
   */
  private String importPlatform(String image, Path archive) {
    TarReaderClassPath.problem("the saved archive of " + image)
        .ifPresent(
            problem -> {
              throw new ImageLoadFailure(problem);
            });
    SavedArchive saved;
    try {
      saved = SavedArchive.read(archive);
    } catch (IOException e) {
      throw new ImageLoadFailure(ImageErrors.transferFailed(image, "reading the saved archive", e));
    }
    String node = nodePlatform();
    if (node == null) {
      return saved.complete().size() == 1 ? saved.complete().get(0) : null;
    }
    if (saved.known() && !saved.holds(node)) {
      throw new ImageLoadFailure(ImageErrors.platformMissing(image, node, saved.complete()));
    }
    if (!saved.missing().isEmpty()) {
      LOG.info(
          "[images] {}: importing {} only; the archive lists {} without their content",
          image,
          node,
          saved.missing());
    }
    return node;
  }

  /**
   * k3s's platform from {@code uname -m} in its container, asked once; null if it cannot be told.
   */
  private String nodePlatform() {
    if (nodePlatform == null) {
      ImageTarget.Outcome outcome = run(ContainerdCommands.machineArchitecture());
      nodePlatform =
          outcome.exitCode() == 0
              ? Optional.ofNullable(ContainerdCommands.platformOf(outcome.stdout()))
              : Optional.empty();
    }
    return nodePlatform.orElse(null);
  }

  private ImageTarget.Outcome run(List<String> command) {
    try {
      return target.exec(command);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Running '" + String.join(" ", command) + "' in the k3s container failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImagePreloadException(
          "Interrupted while running '" + String.join(" ", command) + "' in k3s");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file does not change the outcome
    }
  }

  private static long seconds(long start) {
    return (System.nanoTime() - start) / 1_000_000_000L;
  }

  /** One image could not be loaded; the others go on. */
  private static final class ImageLoadFailure extends RuntimeException {
    ImageLoadFailure(String message) {
      super(message);
    }
  }
}
