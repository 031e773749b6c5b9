package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.junit.MilvusMonitored;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Resolves the effective configuration: built-in default &lt; annotation &lt; system property
 * {@code milvus.monitored.<key>} &lt; environment variable {@code MILVUS_MONITORED_<KEY>}.
 *
 * <pre>{@code
 * ResolvedConfiguration resolved = new ConfigurationResolver(Map.of("milvus.monitored.scrapeInterval", "15s"), Map.of())
 *     .resolve(Optional.of(annotation));
 * }</pre>
 *
 * <p>Unknown settings with either prefix, and values that do not parse, fail with {@link
 * ExtensionConfigurationException}, all problems in one message.
 */
public final class ConfigurationResolver {

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  /**
   * A resolver reading these system properties and environment variables (never the real ones
   * itself).
   */
  public ConfigurationResolver(
      Map<String, String> systemProperties, Map<String, String> environment) {
    this.systemProperties = Map.copyOf(systemProperties);
    this.environment = Map.copyOf(environment);
  }

  /**
   * The effective configuration for a class carrying {@code annotation} (empty: defaults and
   * overrides only).
   */
  public ResolvedConfiguration resolve(Optional<MilvusMonitored> annotation) {
    List<String> problems = new ArrayList<>(unknownSettings());
    Map<ConfigKey, ConfigValue> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      values.put(key, effective(key, annotation));
    }
    ConfigAssembler assembler = new ConfigAssembler(values, problems);
    ResolvedConfiguration resolved = assembler.assemble();
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(String.join("\n", problems));
    }
    return resolved;
  }

  private ConfigValue effective(ConfigKey key, Optional<MilvusMonitored> annotation) {
    String variable = environment.get(key.environmentVariable());
    if (variable != null) {
      return new ConfigValue(key, variable, ConfigSource.ENVIRONMENT_VARIABLE);
    }
    String property = systemProperties.get(key.systemProperty());
    if (property != null) {
      return new ConfigValue(key, property, ConfigSource.SYSTEM_PROPERTY);
    }
    String attribute = annotation.map(key::attributeText).orElse("");
    if (!attribute.isEmpty()) {
      return new ConfigValue(key, attribute, ConfigSource.ANNOTATION);
    }
    return new ConfigValue(key, key.defaultText(), ConfigSource.DEFAULT);
  }

  private List<String> unknownSettings() {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(systemProperties.keySet())) {
      if (name.startsWith(ConfigKey.PROPERTY_PREFIX) && ConfigKey.byProperty(name).isEmpty()) {
        problems.add(ExtensionErrors.unknownSetting(name, ConfigSource.SYSTEM_PROPERTY));
      }
    }
    for (String name : new TreeSet<>(environment.keySet())) {
      if (name.startsWith(ConfigKey.VARIABLE_PREFIX) && ConfigKey.byVariable(name).isEmpty()) {
        problems.add(ExtensionErrors.unknownSetting(name, ConfigSource.ENVIRONMENT_VARIABLE));
      }
    }
    return problems;
  }
}
