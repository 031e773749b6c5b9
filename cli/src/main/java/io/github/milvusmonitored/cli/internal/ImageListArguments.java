package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the {@code images} command: {@code --name=value} options describing a
 * configuration.
 *
 * @param milvus the Milvus release
 * @param stackProfile the kube-prometheus profile
 * @param manifests where the kube-prometheus manifests come from
 * @param k3sImage the k3s image, or {@code null} with {@code --k3s-image=none}
 * @param namesOnly print bare references only
 * @param help print the usage only
 */
public record ImageListArguments(
    MilvusReleaseConfig milvus,
    StackProfile stackProfile,
    ManifestSource manifests,
    String k3sImage,
    boolean namesOnly,
    boolean help) {

  private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("--milvus-profile", "standalone | one_pod | cluster (default standalone)");
    OPTIONS.put(
        "--milvus-image-tag",
        "Milvus image tag (default " + MilvusReleaseConfig.DEFAULT_IMAGE_TAG + ")");
    OPTIONS.put(
        "--chart-version",
        "Milvus chart version (default " + MilvusReleaseConfig.DEFAULT_CHART_VERSION + ")");
    OPTIONS.put("--local-chart", "Milvus chart folder or .tgz; without it the chart is downloaded");
    OPTIONS.put("--values", "a Helm values file merged over the profile");
    OPTIONS.put("--stack-profile", "minimal | full (default minimal)");
    OPTIONS.put(
        "--kube-prometheus",
        "kube-prometheus .tar.gz or folder; without it "
            + KubePrometheusManifests.DEFAULT_VERSION
            + " is downloaded");
    OPTIONS.put(
        "--k3s-image",
        "k3s image, or 'none' for an existing cluster (default "
            + K3sClusterConfig.DEFAULT_IMAGE
            + ")");
    OPTIONS.put("--names-only", "print the bare references, one per line");
    OPTIONS.put("--help", "print this text");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming an unknown option and listing the valid ones
   */
  public static ImageListArguments parse(String... args) {
    MilvusReleaseConfig.Builder milvus = MilvusReleaseConfig.builder();
    StackProfile stack = StackProfile.MINIMAL;
    ManifestSource manifests = ManifestSource.download(KubePrometheusManifests.DEFAULT_VERSION);
    String k3s = K3sClusterConfig.DEFAULT_IMAGE;
    boolean namesOnly = false;
    boolean help = false;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (name) {
        case "--milvus-profile" -> milvus.withProfile(value);
        case "--milvus-image-tag" -> milvus.withImageTag(value);
        case "--chart-version" -> milvus.withChartVersion(value);
        case "--local-chart" -> milvus.withLocalChart(Path.of(value));
        case "--values" -> milvus.withValuesFile(Path.of(value));
        case "--stack-profile" -> stack = StackProfile.parse(value);
        case "--kube-prometheus" ->
            manifests =
                Files.isDirectory(Path.of(value))
                    ? ManifestSource.directory(Path.of(value))
                    : ManifestSource.archive(Path.of(value));
        case "--k3s-image" -> k3s = "none".equals(value) ? null : value;
        case "--names-only" -> namesOnly = true;
        case "--help" -> help = true;
        default ->
            throw new IllegalArgumentException(
                CliTexts.unknownImagesOption(arg, List.copyOf(OPTIONS.keySet())));
      }
    }
    return new ImageListArguments(milvus.build(), stack, manifests, k3s, namesOnly, help);
  }

  /** The option list printed by {@code --help}. */
  public static String usage() {
    StringBuilder out =
        new StringBuilder("Lists the images a milvus-monitored configuration runs.\nOptions:\n");
    OPTIONS.forEach((name, text) -> out.append(String.format("  %-20s %s%n", name, text)));
    return out.toString();
  }
}
