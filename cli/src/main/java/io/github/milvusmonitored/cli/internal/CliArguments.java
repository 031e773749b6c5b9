package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.StackMode;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed command line: the command and, for {@code up}, the environment it asks for.
 *
 * @param command what to do
 * @param stackProfile kube-prometheus profile ({@code --stack-profile}, or {@code --profile}), FULL
 *     unless given
 * @param milvusProfile Milvus chart profile ({@code --milvus-profile})
 * @param k3sImage the k3s image ({@code --k3s-image})
 * @param imageTag the Milvus image tag ({@code --image-tag})
 * @param passThrough the arguments after {@code images}, handed to the image list as they are
 * @param cluster k3s ({@code --k3s-image}) or the existing cluster of {@code --kubeconfig} / {@code
 *     --context}
 * @param manifests where the kube-prometheus manifests come from ({@code --kube-prometheus}),
 *     downloaded unless given
 * @param localChart the Milvus chart folder or .tgz ({@code --local-chart}), or null to download it
 * @param scrapeInterval the ServiceMonitor interval ({@code --scrape-interval}), or null for the
 *     library's default
 * @param scrapeTimeout the ServiceMonitor scrape timeout ({@code --scrape-timeout}), or null for
 *     the default
 * @param keep {@code --keep}: on an existing cluster, leave what {@code up} installed when it is
 *     stopped
 * @param stack {@code --stack}: on an existing cluster, install kube-prometheus or use the stack it
 *     has
 */
public record CliArguments(
    Command command,
    StackProfile stackProfile,
    MilvusProfile milvusProfile,
    String k3sImage,
    String imageTag,
    List<String> passThrough,
    ClusterChoice cluster,
    ManifestSource manifests,
    Path localChart,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    boolean keep,
    StackMode stack) {

  /** The commands. */
  public enum Command {
    UP,
    DOWN,
    STATUS,
    IMAGES,
    HELP
  }

  public CliArguments {
    passThrough = List.copyOf(passThrough);
  }

  private static CliArguments of(Command command, List<String> passThrough) {
    return new CliArguments(
        command,
        StackProfile.FULL,
        MilvusProfile.STANDALONE,
        K3sClusterConfig.DEFAULT_IMAGE,
        MilvusReleaseConfig.DEFAULT_IMAGE_TAG,
        passThrough,
        null,
        defaultManifests(),
        null,
        null,
        null,
        false,
        StackMode.INSTALL);
  }

  private static ManifestSource defaultManifests() {
    return ManifestSource.download(KubePrometheusManifests.DEFAULT_VERSION);
  }

  /**
   * Whether {@code up} uses an existing cluster ({@code --kubeconfig} or {@code --context}) rather
   * than k3s.
   */
  public boolean existingCluster() {
    return cluster instanceof ClusterChoice.Existing;
  }

  /**
   * Parses {@code args}; options take the form {@code --name=value}.
   *
   * @throws CliUsageException naming the unknown command, option or value and the valid ones
   */
  public static CliArguments parse(String... args) {
    if (args.length == 0) {
      throw new CliUsageException(CliTexts.noCommand());
    }
    String first = args[0];
    if (isHelp(first)) {
      return help();
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (first) {
      case "up" -> parseUp(rest);
      case "down" -> parseOptionless(Command.DOWN, "down", rest);
      case "status" -> parseOptionless(Command.STATUS, "status", rest);
      case "images" -> of(Command.IMAGES, rest);
      default -> throw new CliUsageException(CliTexts.unknownCommand(first));
    };
  }

  private static CliArguments parseUp(List<String> options) {
    StackProfile stack = StackProfile.FULL;
    MilvusProfile milvus = MilvusProfile.STANDALONE;
    String k3sImage = K3sClusterConfig.DEFAULT_IMAGE;
    String imageTag = MilvusReleaseConfig.DEFAULT_IMAGE_TAG;
    Path kubeconfig = null;
    String context = null;
    ManifestSource manifests = defaultManifests();
    Path localChart = null;
    Duration interval = null;
    Duration timeout = null;
    boolean keep = false;
    StackMode stackMode = StackMode.INSTALL;
    Set<String> seen = new HashSet<>();
    for (String given :
        CommandOptions.joinSpacedValues(options, CliTexts.UP_OPTIONS, List.of("--profile"))) {
      if (isHelp(given)) {
        return help();
      }
      // --profile is the README's older spelling of --stack-profile, which 'images' uses too.
      String option =
          given.equals("--profile") || given.startsWith("--profile=")
              ? "--stack-profile" + given.substring("--profile".length())
              : given;
      String name = nameOf(option, "up", CliTexts.UP_OPTIONS);
      if (!seen.add(name)) {
        throw new CliUsageException(CliTexts.repeatedOption(name));
      }
      if (name.equals("--keep")) {
        if (option.contains("=")) {
          throw new CliUsageException(CliTexts.takesNoValue(name));
        }
        keep = true;
        continue;
      }
      String value = valueOf(option, name);
      switch (name) {
        case "--stack-profile" -> stack = choose(name, value, StackProfile.values());
        case "--milvus-profile" -> milvus = choose(name, value, MilvusProfile.values());
        case "--k3s-image" -> k3sImage = value;
        case "--image-tag" -> imageTag = value;
        case "--kubeconfig" -> kubeconfig = existingFile(name, value);
        case "--context" -> context = value;
        case "--kube-prometheus" ->
            manifests =
                Files.isDirectory(existingPath(name, value))
                    ? ManifestSource.directory(Path.of(value))
                    : ManifestSource.archive(Path.of(value));
        case "--local-chart" -> localChart = existingPath(name, value);
        case "--scrape-interval" -> interval = duration(name, value);
        case "--scrape-timeout" -> timeout = duration(name, value);
        case "--stack" -> stackMode = choose(name, value, StackMode.values());
        default -> throw new IllegalStateException(name);
      }
    }
    String image = k3sImage;
    requireValid("--k3s-image", image, () -> K3sClusterConfig.defaults().withImage(image));
    String tag = imageTag;
    requireValid(
        "--image-tag", imageTag, () -> MilvusReleaseConfig.builder().withImageTag(tag).build());
    boolean existing = kubeconfig != null || context != null;
    if (existing && seen.contains("--k3s-image")) {
      throw new CliUsageException(CliTexts.k3sImageOnExistingCluster());
    }
    if (seen.contains("--stack") && !existing) {
      throw new CliUsageException(CliTexts.stackNeedsExistingCluster());
    }
    if (keep && !existing) {
      throw new CliUsageException(CliTexts.keepNeedsExistingCluster());
    }
    if (interval != null || timeout != null) {
      MilvusReleaseConfig defaults = MilvusReleaseConfig.builder().build();
      Duration effectiveInterval = interval != null ? interval : defaults.serviceMonitorInterval();
      Duration effectiveTimeout = timeout != null ? timeout : defaults.scrapeTimeout();
      if (effectiveTimeout.compareTo(effectiveInterval) >= 0) {
        throw new CliUsageException(
            CliTexts.scrapeTimeoutNotBelowInterval(
                MonitoredDuration.of(effectiveTimeout).toPrometheus(),
                MonitoredDuration.of(effectiveInterval).toPrometheus()));
      }
    }
    ClusterChoice cluster = existing ? new ClusterChoice.Existing(kubeconfig, context) : null;
    CliArguments parsed =
        new CliArguments(
            Command.UP,
            stack,
            milvus,
            k3sImage,
            imageTag,
            List.of(),
            cluster,
            manifests,
            localChart,
            interval,
            timeout,
            keep,
            stackMode);
    try {
      parsed.environmentConfig(Path.of("report"));
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(e.getMessage());
    }
    return parsed;
  }

  private static Path existingPath(String option, String value) {
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      throw new CliUsageException(CliTexts.noSuchPath(option, path));
    }
    return path;
  }

  private static Path existingFile(String option, String value) {
    Path path = existingPath(option, value);
    if (!Files.isRegularFile(path)) {
      throw new CliUsageException(CliTexts.notAFile(option, path));
    }
    return path;
  }

  private static Duration duration(String option, String value) {
    Duration parsed;
    try {
      parsed = MonitoredDuration.parse(value).toDuration();
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(CliTexts.invalidValue(option, value, e.getMessage()));
    }
    if (parsed.isZero()) {
      throw new CliUsageException(
          CliTexts.invalidValue(option, value, "it must be longer than 0s."));
    }
    return parsed;
  }

  /**
   * Runs a library check of one option's value; its refusal becomes a usage error naming the
   * option.
   */
  private static void requireValid(String option, String value, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(CliTexts.invalidValue(option, value, e.getMessage()));
    }
  }

  private static CliArguments parseOptionless(Command command, String name, List<String> options) {
    for (String option : options) {
      if (isHelp(option)) {
        return help();
      }
      nameOf(option, name, CliTexts.DOWN_OPTIONS);
    }
    return of(command, List.of());
  }

  /**
   * The environment {@code up} starts. On k3s: kept across runs (Testcontainers reuse), everything
   * left installed on exit and on failure, {@code /} shared for node-exporter when the stack is
   * FULL. On an existing cluster: what the run installed is removed on exit and on failure unless
   * {@code --keep}.
   */
  public EnvironmentConfig environmentConfig(Path reportDirectory) {
    MilvusReleaseConfig.Builder release =
        MilvusReleaseConfig.builder().withProfile(milvusProfile).withImageTag(imageTag);
    if (localChart != null) {
      release.withLocalChart(localChart);
    }
    if (scrapeInterval != null) {
      release.withServiceMonitorInterval(scrapeInterval);
    }
    if (scrapeTimeout != null) {
      release.withScrapeTimeout(scrapeTimeout);
    }
    EnvironmentConfig config =
        EnvironmentConfig.defaults()
            .withStackProfile(stackProfile)
            .withManifests(manifests)
            .withMilvus(release.build())
            .withReportDirectory(reportDirectory);
    if (existingCluster()) {
      return config
          .withCluster(cluster)
          .withKeepInstalled(keep)
          .withKeepOnFailure(keep)
          .withStack(stack);
    }
    K3sClusterConfig k3s =
        K3sClusterConfig.defaults()
            .withImage(k3sImage)
            .withReuse(true)
            .withSharedRootMount(stackProfile == StackProfile.FULL);
    return config
        .withCluster(new ClusterChoice.K3s(k3s))
        .withKeepInstalled(true)
        .withKeepOnFailure(true);
  }

  private static CliArguments help() {
    return of(Command.HELP, List.of());
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static String nameOf(String option, String command, List<String> valid) {
    String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
    if (!name.startsWith("-")) {
      throw new CliUsageException(CliTexts.unexpectedArgument(option, command, valid));
    }
    if (valid.stream().noneMatch(v -> v.startsWith(name + "=") || v.equals(name))) {
      throw new CliUsageException(CliTexts.unknownOption(option, command, valid));
    }
    return name;
  }

  private static String valueOf(String option, String name) {
    int eq = option.indexOf('=');
    String value = eq < 0 ? "" : option.substring(eq + 1).strip();
    if (value.isEmpty()) {
      throw new CliUsageException(CliTexts.missingValue(name));
    }
    return value;
  }

  private static <E extends Enum<E>> E choose(String option, String value, E[] choices) {
    String wanted = value.toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> valid = new ArrayList<>();
    for (E choice : choices) {
      if (choice.name().equals(wanted)) {
        return choice;
      }
      valid.add(choice.name().toLowerCase(Locale.ROOT));
    }
    throw new CliUsageException(CliTexts.unknownValue(option, value, valid));
  }
}
