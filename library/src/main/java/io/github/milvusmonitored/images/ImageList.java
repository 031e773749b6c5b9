package io.github.milvusmonitored.images;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.milvusmonitored.images.internal.OperatorImages;
import io.github.milvusmonitored.images.internal.WorkloadImages;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.milvus.MilvusManifests;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact images a configuration runs: the rendered Milvus chart, the kube-prometheus manifests
 * of the chosen profile, the images the Prometheus operator starts at run time, and the k3s image.
 *
 * <p>Images are normalised ({@link ImageReference}), deduplicated and sorted. k3s's own system
 * images (coredns, local-path-provisioner and its busybox helper, pause) are not listed: k3s pulls
 * them itself, and its release publishes them as an air-gap archive ({@code
 * k3s-airgap-images-<arch>.tar.zst}) that {@code K3sClusterConfig.withImageArchives(..)} copies
 * into the node before it starts. Example:
 *
 * <pre>{@code
 * ImageList list = ImageList.of(MilvusReleaseConfig.defaults(), StackProfile.MINIMAL,
 *     ManifestSource.download("v0.18.0"), K3sClusterConfig.DEFAULT_IMAGE);
 * System.out.print(list.format());
 * list.names();       // e.g. for docker pull
 * list.podImages();   // for ImagePreloader: all but the k3s node image
 * }</pre>
 *
 * From the command line (the {@code milvus-monitored-cli} jar): {@code java -jar
 * milvus-monitored-cli-<version>.jar images --milvus-profile=one_pod --stack-profile=minimal};
 * {@code images --help} lists the options.
 */
public final class ImageList {

  private static final String K3S_NODE = "k3s: the node container";

  private final List<RequiredImage> images;

  private ImageList(List<RequiredImage> images) {
    this.images = List.copyOf(images);
  }

  /**
   * Renders the Milvus chart and loads the kube-prometheus manifests of a configuration, then lists
   * their images. Rendering fetches the chart unless {@link MilvusReleaseConfig#localChart()} is
   * set; loading downloads the manifests unless {@code manifests} is an archive or a folder.
   *
   * @param k3sImage the k3s image, or {@code null} for an existing cluster
   */
  public static ImageList of(
      MilvusReleaseConfig milvus,
      StackProfile stackProfile,
      ManifestSource manifests,
      String k3sImage) {
    return of(
        milvus,
        stackProfile,
        KubePrometheusManifests.builder().withSource(manifests).load(),
        k3sImage);
  }

  /**
   * Renders the Milvus chart of a configuration and lists its images with those of loaded
   * manifests.
   */
  public static ImageList of(
      MilvusReleaseConfig milvus,
      StackProfile stackProfile,
      KubePrometheusManifests manifests,
      String k3sImage) {
    MilvusManifests rendered;
    try (MilvusHelmRelease release = MilvusHelmRelease.create(milvus)) {
      rendered = release.render();
    }
    Builder builder = builder().withMilvus(rendered).withKubePrometheus(manifests, stackProfile);
    return (k3sImage == null ? builder : builder.withK3sImage(k3sImage)).build();
  }

  /** Starts a list from already rendered or loaded parts. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every required image with what needs it, sorted by image. */
  public List<RequiredImage> images() {
    return images;
  }

  /** The normalised image references only, sorted. */
  public List<String> names() {
    return images.stream().map(RequiredImage::image).toList();
  }

  /**
   * The images that run in pods, for {@link ImagePreloader}: every image except the k3s node image,
   * which Docker runs and which k3s never needs inside.
   */
  public List<String> podImages() {
    return images.stream()
        .filter(i -> i.neededBy().stream().anyMatch(n -> !n.equals(K3S_NODE)))
        .map(RequiredImage::image)
        .toList();
  }

  /**
   * One line per image: the reference, then what needs it after {@code " # "}; so that {@code cut
   * -d' ' -f1} gives the bare references.
   */
  public String format() {
    int width = images.stream().mapToInt(i -> i.image().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (RequiredImage image : images) {
      out.append(
          String.format(
              "%-" + width + "s  # %s%n", image.image(), String.join("; ", image.neededBy())));
    }
    return out.toString();
  }

  /** Collects images from the parts of a configuration; every {@code withX} returns the builder. */
  public static final class Builder {
    private final Map<String, TreeSet<String>> images = new TreeMap<>();

    private Builder() {}

    /** Adds every container image of the rendered chart's workloads. */
    public Builder withMilvus(MilvusManifests manifests) {
      manifests.resources().forEach(resource -> addWorkload("milvus", resource));
      return this;
    }

    /**
     * Adds the images of the manifests {@code profile} applies, and those the operator starts for
     * the Prometheus and Alertmanager objects among them.
     */
    public Builder withKubePrometheus(KubePrometheusManifests manifests, StackProfile profile) {
      List<HasMetadata> resources = new ArrayList<>();
      for (ManifestFile file : manifests.stackFiles(profile)) {
        resources.addAll(KubePrometheusManifests.resources(file, profile));
      }
      List<String> reloaders = new ArrayList<>();
      for (HasMetadata resource : resources) {
        addWorkload("kube-prometheus", resource);
        OperatorImages.configReloader(resource).ifPresent(reloaders::add);
      }
      for (HasMetadata operated : resources.stream().filter(OperatorImages::isOperated).toList()) {
        String what = operated.getKind() + " " + describe(operated);
        OperatorImages.serverImage(operated)
            .ifPresent(image -> add(image, "prometheus-operator: " + what));
        reloaders.forEach(image -> add(image, "prometheus-operator: config-reloader of " + what));
      }
      return this;
    }

    /** Adds the k3s node image. */
    public Builder withK3sImage(String k3sImage) {
      return add(k3sImage, K3S_NODE);
    }

    /** Adds an image needed by something else, e.g. a test's own workload. */
    public Builder add(String image, String neededBy) {
      images.computeIfAbsent(ImageReference.normalize(image), key -> new TreeSet<>()).add(neededBy);
      return this;
    }

    /** Returns the list. */
    public ImageList build() {
      List<RequiredImage> result = new ArrayList<>();
      images.forEach(
          (image, neededBy) -> result.add(new RequiredImage(image, List.copyOf(neededBy))));
      return new ImageList(result);
    }

    private void addWorkload(String source, HasMetadata resource) {
      WorkloadImages.collect(
          resource,
          (image, container) ->
              add(
                  image,
                  source
                      + ": "
                      + resource.getKind()
                      + " "
                      + describe(resource)
                      + " ("
                      + container
                      + ")"));
    }

    private static String describe(HasMetadata resource) {
      String namespace = resource.getMetadata().getNamespace();
      return (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName();
    }
  }
}
