package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every configuration key of {@code @MilvusMonitored}: its attribute, system property and
 * environment variable names, its default, and the form its value must take.
 */
public enum ConfigKey {
  STACK_PROFILE("stackProfile", Kind.PROFILE, "minimal", MilvusMonitored::stackProfile),
  STACK("stack", Kind.STACK, "install", MilvusMonitored::stack),
  CHART_VERSION(
      "chartVersion",
      Kind.TEXT,
      MilvusReleaseConfig.DEFAULT_CHART_VERSION,
      MilvusMonitored::chartVersion),
  IMAGE_TAG(
      "imageTag", Kind.TEXT, MilvusReleaseConfig.DEFAULT_IMAGE_TAG, MilvusMonitored::imageTag),
  KUBE_PROMETHEUS_VERSION(
      "kubePrometheusVersion", Kind.RELEASE_TAG, "v0.18.0", MilvusMonitored::kubePrometheusVersion),
  K3S_IMAGE("k3sImage", Kind.TEXT, K3sClusterConfig.DEFAULT_IMAGE, MilvusMonitored::k3sImage),
  MILVUS_PROFILE(
      "milvusProfile", Kind.MILVUS_PROFILE, "standalone", MilvusMonitored::milvusProfile),
  SCRAPE_INTERVAL("scrapeInterval", Kind.DURATION, "30s", MilvusMonitored::scrapeInterval),
  SCRAPE_TIMEOUT("scrapeTimeout", Kind.DURATION, "10s", MilvusMonitored::scrapeTimeout),
  STACK_READY_TIMEOUT("stackReadyTimeout", Kind.DURATION, "5m", MilvusMonitored::stackReadyTimeout),
  FIRST_SAMPLE_TIMEOUT(
      "firstSampleTimeout", Kind.DURATION, "5m", MilvusMonitored::firstSampleTimeout),
  MILVUS_READY_TIMEOUT(
      "milvusReadyTimeout", Kind.DURATION, "15m", MilvusMonitored::milvusReadyTimeout),
  REUSE("reuse", Kind.BOOLEAN, "false", a -> flag(a.reuse())),
  KEEP_ON_FAILURE("keepOnFailure", Kind.BOOLEAN, "false", a -> flag(a.keepOnFailure())),
  KUBECONFIG("kubeconfig", Kind.OPTIONAL_PATH, "", MilvusMonitored::kubeconfig),
  CONTEXT("context", Kind.OPTIONAL_TEXT, "", MilvusMonitored::context),
  DISABLED_WITHOUT_DOCKER(
      "disabledWithoutDocker", Kind.BOOLEAN, "false", a -> flag(a.disabledWithoutDocker())),
  REPORT_DIRECTORY(
      "reportDirectory", Kind.PATH, "target/milvus-monitored", MilvusMonitored::reportDirectory);

  /** Prefix of the system properties. */
  public static final String PROPERTY_PREFIX = "milvus.monitored.";

  /** Prefix of the environment variables. */
  public static final String VARIABLE_PREFIX = "MILVUS_MONITORED_";

  /** The form a value must take, in words for error messages. */
  enum Kind {
    TEXT("a non-blank text"),
    OPTIONAL_TEXT("any text (empty for none)"),
    RELEASE_TAG("a release tag such as v0.18.0"),
    PROFILE("minimal or full"),
    STACK("install, existing or auto"),
    MILVUS_PROFILE("standalone, one_pod or cluster"),
    DURATION("a positive duration such as 30s, 1m30s, 5m or PT30S"),
    BOOLEAN("true or false"),
    PATH("a file system path"),
    OPTIONAL_PATH("a file system path (empty for none)");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  private final String key;
  private final Kind kind;
  private final String defaultText;
  private final Function<MilvusMonitored, String> attribute;

  ConfigKey(
      String key, Kind kind, String defaultText, Function<MilvusMonitored, String> attribute) {
    this.key = key;
    this.kind = kind;
    this.defaultText = defaultText;
    this.attribute = attribute;
  }

  /** The attribute name, e.g. {@code scrapeInterval}. */
  public String key() {
    return key;
  }

  /** {@code milvus.monitored.<key>}. */
  public String systemProperty() {
    return PROPERTY_PREFIX + key;
  }

  /** {@code MILVUS_MONITORED_<KEY>}, the key in upper snake case. */
  public String environmentVariable() {
    return VARIABLE_PREFIX + name();
  }

  /** The built-in default as text. */
  public String defaultText() {
    return defaultText;
  }

  /** The expected form, in words. */
  public String expectedForm() {
    return kind.expected;
  }

  Kind kind() {
    return kind;
  }

  /** The annotation's value as text; empty means not set there. */
  String attributeText(MilvusMonitored annotation) {
    return attribute.apply(annotation);
  }

  /** The key whose system property is {@code name}, if any. */
  static Optional<ConfigKey> byProperty(String name) {
    return Arrays.stream(values()).filter(k -> k.systemProperty().equals(name)).findFirst();
  }

  /** The key whose environment variable is {@code name}, if any. */
  static Optional<ConfigKey> byVariable(String name) {
    return Arrays.stream(values()).filter(k -> k.environmentVariable().equals(name)).findFirst();
  }

  private static String flag(boolean set) {
    return set ? "true" : "";
  }
}
