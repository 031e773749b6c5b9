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
        "--image-tag", "Milvus image tag (default " + MilvusReleaseConfig.DEFAULT_IMAGE_TAG + ")");
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
    OPTIONS.put("--help", "print this text (also -h)");
    OPTIONS.put("--debug", "on failure also print the stack trace");
  }

  /**
   * Parses the arguments.
   *
   * @throws CliUsageException naming an unknown option or a bad value and listing the valid ones
   */
  public static ImageListArguments parse(String... args) {
    MilvusReleaseConfig.Builder milvus = MilvusReleaseConfig.builder();
    StackProfile stack = StackProfile.MINIMAL;
    ManifestSource manifests = ManifestSource.download(KubePrometheusManifests.DEFAULT_VERSION);
    String k3s = K3sClusterConfig.DEFAULT_IMAGE;
    boolean namesOnly = false;
    boolean help = false;
    List<String> valued =
        OPTIONS.keySet().stream()
            .filter(o -> !List.of("--names-only", "--help", "--debug").contains(o))
            .map(o -> o + "=")
            .toList();
    for (String arg : CommandOptions.joinSpacedValues(List.of(args), valued, List.of())) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (!OPTIONS.containsKey(name)) {
        throw new CliUsageException(
            CliTexts.unknownImagesOption(arg, List.copyOf(OPTIONS.keySet())));
      }
      if (name.equals("--names-only")) {
        if (eq >= 0) {
          throw new CliUsageException(CliTexts.takesNoValue(name));
        }
        namesOnly = true;
        continue;
      }
      String value = eq < 0 ? "" : arg.substring(eq + 1).strip();
      if (value.isEmpty()) {
        throw new CliUsageException(CliTexts.missingValue(name));
      }
      try {
        switch (name) {
          case "--milvus-profile" -> milvus.withProfile(value);
          case "--image-tag" -> milvus.withImageTag(value);
          case "--chart-version" -> milvus.withChartVersion(value);
          case "--local-chart" -> milvus.withLocalChart(existing(name, value));
          case "--values" -> milvus.withValuesFile(existing(name, value));
          case "--stack-profile" -> stack = stackProfile(value);
          case "--kube-prometheus" ->
              manifests =
                  Files.isDirectory(existing(name, value))
                      ? ManifestSource.directory(Path.of(value))
                      : ManifestSource.archive(Path.of(value));
          case "--k3s-image" -> k3s = "none".equals(value) ? null : value;
          default -> throw new IllegalStateException(name);
        }
      } catch (IllegalArgumentException e) {
        throw new CliUsageException(CliTexts.invalidValue(name, value, e.getMessage()));
      }
    }
    try {
      return new ImageListArguments(milvus.build(), stack, manifests, k3s, namesOnly, help);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(e.getMessage());
    }
  }

  private static Path existing(String option, String value) {
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      throw new CliUsageException(CliTexts.noSuchPath(option, path));
    }
    return path;
  }

  private static StackProfile stackProfile(String value) {
    for (StackProfile profile : StackProfile.values()) {
      if (profile.name().equalsIgnoreCase(value)) {
        return profile;
      }
    }
    throw new CliUsageException(
        CliTexts.unknownValue(
            "--stack-profile",
            value,
            java.util.Arrays.stream(StackProfile.values())
                .map(p -> p.name().toLowerCase(java.util.Locale.ROOT))
                .toList()));
  }

  /** The option list printed by {@code --help}. */
  public static String usage() {
    StringBuilder out =
        new StringBuilder(
            "Lists the images a milvus-monitored configuration runs.\n"
                + "Options (--name=value or --name value):\n");
    OPTIONS.forEach((name, text) -> out.append(String.format("  %-20s %s%n", name, text)));
    return out.toString();
  }
}
