package io.github.milvusmonitored.milvus;

import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.milvus.internal.ValuesMerge;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Milvus release to install: release, namespace, chart, image, profile, ServiceMonitor timing
 * and user values.
 *
 * <p>Every value is checked when the record is built; a bad one throws {@link
 * IllegalArgumentException} saying why. Example:
 *
 * <pre>{@code
 * MilvusReleaseConfig config = MilvusReleaseConfig.builder()
 *     .withNamespace("milvus-it")
 *     .withServiceMonitorInterval(Duration.ofSeconds(15))
 *     .withScrapeTimeout(Duration.ofSeconds(5))
 *     .withValues(Map.of("standalone", Map.of("resources", Map.of())))
 *     .build();
 * }</pre>
 *
 * @param releaseName Helm release name, a DNS-1123 label of at most 53 characters
 * @param namespace namespace of the release; never {@code default}, {@code kube-system} or {@code
 *     monitoring}, where kube-prometheus already grants Prometheus discovery rights
 * @param chartRepository address of the chart repository
 * @param chartName chart name in the repository
 * @param chartVersion pinned chart version
 * @param imageTag Milvus image tag ({@code image.all.tag})
 * @param profile chart values sized for a test cluster
 * @param serviceMonitorInterval scrape interval of the ServiceMonitor
 * @param scrapeTimeout scrape timeout of the ServiceMonitor, strictly below the interval
 * @param userValues values merged over everything else (maps deep-merged, lists replaced, a {@code
 *     null} removes the key)
 * @param userValuesFiles YAML values files merged in order, before {@code userValues}
 * @param readyTimeout how long the install waits for the release's pods to be ready
 * @param localChart chart directory or {@code .tgz} to use instead of the repository, or {@code
 *     null}
 * @param keepFailedRelease keep a release whose first install failed, for diagnosis
 */
public record MilvusReleaseConfig(
    String releaseName,
    String namespace,
    String chartRepository,
    String chartName,
    String chartVersion,
    String imageTag,
    MilvusProfile profile,
    Duration serviceMonitorInterval,
    Duration scrapeTimeout,
    Map<String, Object> userValues,
    List<Path> userValuesFiles,
    Duration readyTimeout,
    Path localChart,
    boolean keepFailedRelease) {

  /** The Milvus chart repository (the milvus-io one is archived). */
  public static final String DEFAULT_CHART_REPOSITORY = "https://zilliztech.github.io/milvus-helm/";

  /**
   * The chart version this library was checked against: the newest whose templates the build
   * renders and checks (its own default image is v2.6.15; the library sets {@code image.all.tag} to
   * {@link #DEFAULT_IMAGE_TAG}, as the chart's 2.6 releases after it changed only that tag).
   */
  public static final String DEFAULT_CHART_VERSION = "5.0.19";

  /**
   * The newest Milvus 2.6 release (v2.6.24, released 2026-09-16); set as the chart's {@code
   * image.all.tag}.
   */
  public static final String DEFAULT_IMAGE_TAG = "v2.6.24";

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** An image tag as the OCI distribution specification defines it. */
  private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Checks every value; see the class description. */
  public MilvusReleaseConfig {
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(chartRepository, "chartRepository");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(serviceMonitorInterval, "serviceMonitorInterval");
    Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    if (releaseName.length() > 53 || !DNS_1123_LABEL.matcher(releaseName).matches()) {
      throw new IllegalArgumentException(MilvusErrors.invalidReleaseName(releaseName));
    }
    if (MilvusErrors.RESERVED_NAMESPACES.contains(namespace)) {
      throw new IllegalArgumentException(MilvusErrors.reservedNamespace(namespace));
    }
    if (namespace.length() > 63 || !DNS_1123_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(MilvusErrors.invalidNamespace(namespace));
    }
    requireNotBlank(chartName, "Chart name");
    requireNotBlank(chartVersion, "Chart version");
    requireNotBlank(imageTag, "Milvus image tag");
    if (!IMAGE_TAG.matcher(imageTag).matches()) {
      throw new IllegalArgumentException(MilvusErrors.invalidImageTag(imageTag));
    }
    if (!isHttpAddress(chartRepository)) {
      throw new IllegalArgumentException(MilvusErrors.invalidChartRepository(chartRepository));
    }
    Checks.positive("ServiceMonitor interval", serviceMonitorInterval);
    Checks.positive("ServiceMonitor scrape timeout", scrapeTimeout);
    Checks.positive("Ready timeout", readyTimeout);
    if (scrapeTimeout.compareTo(serviceMonitorInterval) >= 0) {
      throw new IllegalArgumentException(
          MilvusErrors.scrapeTimeoutNotBelowInterval(
              MonitoredDuration.of(scrapeTimeout).toPrometheus(),
              MonitoredDuration.of(serviceMonitorInterval).toPrometheus()));
    }
    userValues =
        Collections.unmodifiableMap(ValuesMerge.copy(userValues == null ? Map.of() : userValues));
    userValuesFiles = List.copyOf(userValuesFiles == null ? List.of() : userValuesFiles);
    for (Path file : userValuesFiles) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException(MilvusErrors.missingValuesFile(file));
      }
    }
    if (localChart != null && !Files.exists(localChart)) {
      throw new IllegalArgumentException(MilvusErrors.missingLocalChart(localChart));
    }
    if (localChart != null
        && Files.isDirectory(localChart)
        && !Files.isRegularFile(localChart.resolve("Chart.yaml"))) {
      throw new IllegalArgumentException(MilvusErrors.localChartWithoutChartYaml(localChart));
    }
  }

  /** The settings, with the values of secret-shaped keys in {@link #userValues()} masked. */
  @Override
  public String toString() {
    return "MilvusReleaseConfig[releaseName="
        + releaseName
        + ", namespace="
        + namespace
        + ", chartRepository="
        + chartRepository
        + ", chartName="
        + chartName
        + ", chartVersion="
        + chartVersion
        + ", imageTag="
        + imageTag
        + ", profile="
        + profile
        + ", serviceMonitorInterval="
        + serviceMonitorInterval
        + ", scrapeTimeout="
        + scrapeTimeout
        + ", userValues="
        + Redaction.tree(userValues)
        + ", userValuesFiles="
        + userValuesFiles
        + ", readyTimeout="
        + readyTimeout
        + ", localChart="
        + localChart
        + ", keepFailedRelease="
        + keepFailedRelease
        + "]";
  }

  /** Returns a builder holding the defaults: {@code my-release} in {@code milvus}, chart 5.0.19. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default configuration. */
  public static MilvusReleaseConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.releaseName = releaseName;
    builder.namespace = namespace;
    builder.chartRepository = chartRepository;
    builder.chartName = chartName;
    builder.chartVersion = chartVersion;
    builder.imageTag = imageTag;
    builder.profile = profile;
    builder.interval = serviceMonitorInterval;
    builder.scrapeTimeout = scrapeTimeout;
    builder.userValues = ValuesMerge.copy(userValues);
    builder.userValuesFiles = new ArrayList<>(userValuesFiles);
    builder.readyTimeout = readyTimeout;
    builder.localChart = localChart;
    builder.keepFailedRelease = keepFailedRelease;
    return builder;
  }

  private static void requireNotBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(MilvusErrors.blank(what));
    }
  }

  private static boolean isHttpAddress(String address) {
    try {
      URI uri = URI.create(address);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException notAUri) {
      return false;
    }
  }

  /** Builds a {@link MilvusReleaseConfig}; every {@code withX} returns the builder. */
  public static final class Builder {
    private String releaseName = "my-release";
    private String namespace = "milvus";
    private String chartRepository = DEFAULT_CHART_REPOSITORY;
    private String chartName = "milvus";
    private String chartVersion = DEFAULT_CHART_VERSION;
    private String imageTag = DEFAULT_IMAGE_TAG;
    private MilvusProfile profile = MilvusProfile.STANDALONE;
    private Duration interval = Duration.ofSeconds(30);
    private Duration scrapeTimeout = Duration.ofSeconds(10);
    private Map<String, Object> userValues = new LinkedHashMap<>();
    private List<Path> userValuesFiles = new ArrayList<>();
    private Duration readyTimeout = Duration.ofMinutes(15);
    private Path localChart;
    private boolean keepFailedRelease;

    private Builder() {}

    /** Sets the Helm release name (default {@code my-release}). */
    public Builder withReleaseName(String releaseName) {
      this.releaseName = releaseName;
      return this;
    }

    /** Sets the release namespace (default {@code milvus}). */
    public Builder withNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets the chart repository address. */
    public Builder withChartRepository(String chartRepository) {
      this.chartRepository = chartRepository;
      return this;
    }

    /** Sets the chart name in the repository (default {@code milvus}). */
    public Builder withChartName(String chartName) {
      this.chartName = chartName;
      return this;
    }

    /** Sets the chart version (default {@value MilvusReleaseConfig#DEFAULT_CHART_VERSION}). */
    public Builder withChartVersion(String chartVersion) {
      this.chartVersion = chartVersion;
      return this;
    }

    /** Sets the Milvus image tag (default {@value MilvusReleaseConfig#DEFAULT_IMAGE_TAG}). */
    public Builder withImageTag(String imageTag) {
      this.imageTag = imageTag;
      return this;
    }

    /** Sets the profile (default {@link MilvusProfile#STANDALONE}). */
    public Builder withProfile(MilvusProfile profile) {
      this.profile = profile;
      return this;
    }

    /**
     * Sets the profile by name, e.g. {@code "standalone"}; an unknown name lists the valid ones.
     */
    public Builder withProfile(String profile) {
      this.profile = MilvusProfile.parse(profile);
      return this;
    }

    /** Sets the ServiceMonitor scrape interval (default 30s). */
    public Builder withServiceMonitorInterval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Sets the ServiceMonitor scrape timeout, below the interval (default 10s). */
    public Builder withScrapeTimeout(Duration scrapeTimeout) {
      this.scrapeTimeout = scrapeTimeout;
      return this;
    }

    /** Deep-merges these values over those given before; they win over profile and files. */
    public Builder withValues(Map<String, ?> values) {
      this.userValues = ValuesMerge.merge(userValues, values);
      return this;
    }

    /** Adds a YAML values file, merged after the files added before. */
    public Builder withValuesFile(Path valuesFile) {
      this.userValuesFiles.add(valuesFile);
      return this;
    }

    /** Sets how long the install waits for ready pods (default 15 minutes). */
    public Builder withReadyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    /** Uses a chart directory or {@code .tgz} on disk instead of the repository (offline use). */
    public Builder withLocalChart(Path localChart) {
      this.localChart = localChart;
      return this;
    }

    /** Keeps a release whose first install failed, so its pods can be inspected. */
    public Builder withKeepFailedRelease(boolean keepFailedRelease) {
      this.keepFailedRelease = keepFailedRelease;
      return this;
    }

    /** Checks and returns the configuration. */
    public MilvusReleaseConfig build() {
      return new MilvusReleaseConfig(
          releaseName,
          namespace,
          chartRepository,
          chartName,
          chartVersion,
          imageTag,
          profile,
          interval,
          scrapeTimeout,
          userValues,
          userValuesFiles,
          readyTimeout,
          localChart,
          keepFailedRelease);
    }
  }
}
