package io.github.milvusmonitored.junit.internal;

/** Where a configuration value came from, lowest precedence first. */
public enum ConfigSource {
  DEFAULT,
  ANNOTATION,
  SYSTEM_PROPERTY,
  ENVIRONMENT_VARIABLE;

  /** How the value of {@code key} is named in this source, for messages and the effective table. */
  public String describe(ConfigKey key) {
    return switch (this) {
      case DEFAULT -> "built-in default";
      case ANNOTATION -> "@MilvusMonitored(" + key.key() + ")";
      case SYSTEM_PROPERTY -> "system property " + key.systemProperty();
      case ENVIRONMENT_VARIABLE -> "environment variable " + key.environmentVariable();
    };
  }
}
