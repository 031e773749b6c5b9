package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.StackMode;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the effective text values and builds the {@link EnvironmentConfig}, collecting every
 * problem.
 */
final class ConfigAssembler {

  private final Map<ConfigKey, ConfigValue> values;
  private final List<String> problems;

  ConfigAssembler(Map<ConfigKey, ConfigValue> values, List<String> problems) {
    this.values = values;
    this.problems = problems;
  }

  /**
   * The configuration; when something is wrong the problems list grows and the result is partial.
   */
  ResolvedConfiguration assemble() {
    EnvironmentConfig defaults = EnvironmentConfig.defaults();
    StackProfile profile =
        parse(ConfigKey.STACK_PROFILE, StackProfile::parse, defaults.stackProfile());
    StackMode stack = parse(ConfigKey.STACK, StackMode::parse, defaults.stack());
    String chartVersion = parse(ConfigKey.CHART_VERSION, ConfigAssembler::text, "");
    String imageTag = parse(ConfigKey.IMAGE_TAG, ConfigAssembler::text, "");
    String stackVersion = parse(ConfigKey.KUBE_PROMETHEUS_VERSION, ConfigAssembler::releaseTag, "");
    String k3sImage = parse(ConfigKey.K3S_IMAGE, ConfigAssembler::text, "");
    MilvusProfile milvusProfile = parse(ConfigKey.MILVUS_PROFILE, MilvusProfile::parse, null);
    Duration interval = parse(ConfigKey.SCRAPE_INTERVAL, DurationText::parse, null);
    Duration scrapeTimeout = parse(ConfigKey.SCRAPE_TIMEOUT, DurationText::parse, null);
    Duration stackReady =
        parse(ConfigKey.STACK_READY_TIMEOUT, DurationText::parse, defaults.stackReadyTimeout());
    Duration firstSample =
        parse(ConfigKey.FIRST_SAMPLE_TIMEOUT, DurationText::parse, defaults.firstSampleTimeout());
    Duration milvusReady = parse(ConfigKey.MILVUS_READY_TIMEOUT, DurationText::parse, null);
    boolean reuse = parse(ConfigKey.REUSE, ConfigAssembler::bool, false);
    boolean keepOnFailure = parse(ConfigKey.KEEP_ON_FAILURE, ConfigAssembler::bool, false);
    String kubeconfig = parse(ConfigKey.KUBECONFIG, ConfigAssembler::path, "");
    String context = values.get(ConfigKey.CONTEXT).text().strip();
    boolean disabledWithoutDocker =
        parse(ConfigKey.DISABLED_WITHOUT_DOCKER, ConfigAssembler::bool, false);
    Path reports =
        parse(ConfigKey.REPORT_DIRECTORY, t -> Path.of(text(path(t))), defaults.reportDirectory());

    EnvironmentConfig config =
        defaults
            .withStackProfile(profile)
            .withStack(stack)
            .withStackReadyTimeout(stackReady)
            .withFirstSampleTimeout(firstSample)
            .withKeepOnFailure(keepOnFailure)
            .withReportDirectory(reports);
    if (!stackVersion.isEmpty()) {
      config = config.withManifests(ManifestSource.download(stackVersion));
    }
    config =
        config.withMilvus(
            milvus(
                defaults.milvus(),
                chartVersion,
                imageTag,
                milvusProfile,
                interval,
                scrapeTimeout,
                milvusReady));
    config = config.withCluster(cluster(k3sImage, reuse, kubeconfig, context));
    return new ResolvedConfiguration(config, disabledWithoutDocker, List.copyOf(values.values()));
  }

  private MilvusReleaseConfig milvus(
      MilvusReleaseConfig defaults,
      String chartVersion,
      String imageTag,
      MilvusProfile profile,
      Duration interval,
      Duration scrapeTimeout,
      Duration readyTimeout) {
    if (chartVersion.isEmpty()
        || imageTag.isEmpty()
        || profile == null
        || interval == null
        || scrapeTimeout == null
        || readyTimeout == null) {
      return defaults; // a value did not parse; its problem is already recorded
    }
    if (scrapeTimeout.compareTo(interval) >= 0) {
      problems.add(
          ExtensionErrors.scrapeTimeoutNotBelowInterval(
              values.get(ConfigKey.SCRAPE_TIMEOUT), values.get(ConfigKey.SCRAPE_INTERVAL)));
      return defaults;
    }
    try {
      return defaults.toBuilder()
          .withChartVersion(chartVersion)
          .withImageTag(imageTag)
          .withProfile(profile)
          .withServiceMonitorInterval(interval)
          .withScrapeTimeout(scrapeTimeout)
          .withReadyTimeout(readyTimeout)
          .build();
    } catch (IllegalArgumentException e) {
      problems.add(
          ExtensionErrors.inconsistent(
              e.getMessage(),
              involved(
                  ConfigKey.CHART_VERSION,
                  ConfigKey.IMAGE_TAG,
                  ConfigKey.MILVUS_PROFILE,
                  ConfigKey.SCRAPE_INTERVAL,
                  ConfigKey.SCRAPE_TIMEOUT,
                  ConfigKey.MILVUS_READY_TIMEOUT)));
      return defaults;
    }
  }

  /** Of {@code keys}, those the user set; all of them when every one is a default. */
  private List<ConfigValue> involved(ConfigKey... keys) {
    List<ConfigValue> all = Arrays.stream(keys).map(values::get).toList();
    List<ConfigValue> set = all.stream().filter(v -> v.source() != ConfigSource.DEFAULT).toList();
    return set.isEmpty() ? all : set;
  }

  private ClusterChoice cluster(String k3sImage, boolean reuse, String kubeconfig, String context) {
    if (!kubeconfig.isEmpty()) {
      return new ClusterChoice.Existing(Path.of(kubeconfig), context.isEmpty() ? null : context);
    }
    if (!context.isEmpty()) {
      problems.add(
          ExtensionErrors.inconsistent(
              "a context is set but no kubeconfig, so k3s would be started"
                  + " and the context ignored.",
              List.of(values.get(ConfigKey.CONTEXT), values.get(ConfigKey.KUBECONFIG))));
    }
    if (k3sImage.isEmpty()) {
      return ClusterChoice.k3s();
    }
    try {
      return new ClusterChoice.K3s(
          K3sClusterConfig.defaults().withImage(k3sImage).withReuse(reuse));
    } catch (IllegalArgumentException e) {
      ConfigValue image = values.get(ConfigKey.K3S_IMAGE);
      problems.add(
          ExtensionErrors.invalidValue(
              ConfigKey.K3S_IMAGE, image.text(), image.source(), e.getMessage()));
      return ClusterChoice.k3s();
    }
  }

  private <T> T parse(ConfigKey key, Function<String, T> parser, T fallback) {
    ConfigValue value = values.get(key);
    try {
      return parser.apply(value.text());
    } catch (RuntimeException e) {
      problems.add(ExtensionErrors.invalidValue(key, value.text(), value.source(), reason(e)));
      return fallback;
    }
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int end = message.indexOf('.');
    return end > 0 && end < message.length() - 1
        ? message.substring(0, end)
        : message.replaceAll("\\.$", "");
  }

  private static String text(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank");
    }
    return value.strip();
  }

  private static String releaseTag(String value) {
    if (!value.strip().matches("v\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("not a release tag");
    }
    return value.strip();
  }

  private static boolean bool(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static String path(String value) {
    try {
      Path.of(value.strip());
      return value.strip();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path (" + e.getReason() + ")");
    }
  }
}
