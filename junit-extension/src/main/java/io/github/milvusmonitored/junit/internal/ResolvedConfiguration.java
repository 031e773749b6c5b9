package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The effective configuration of a test class: the environment to start, the extension's own
 * options, and every value with its source.
 *
 * @param environment what to start
 * @param disabledWithoutDocker disable rather than fail when k3s needs Docker and there is none
 * @param values every key's effective value and source, in key order
 */
public record ResolvedConfiguration(
    EnvironmentConfig environment, boolean disabledWithoutDocker, List<ConfigValue> values) {

  public ResolvedConfiguration {
    values = List.copyOf(values);
  }

  /** Whether the environment runs k3s in Docker. */
  public boolean needsDocker() {
    return environment.cluster() instanceof ClusterChoice.K3s;
  }

  /** The k3s image, or empty for an existing cluster. */
  public String k3sImage() {
    return environment.cluster() instanceof ClusterChoice.K3s k3s ? k3s.config().image() : "";
  }

  /** The effective value of {@code key}. */
  public ConfigValue value(ConfigKey key) {
    return values.stream().filter(v -> v.key() == key).findFirst().orElseThrow();
  }

  /** A text table of every key, its value and where it came from, for the log. */
  public String table() {
    int keyWidth = values.stream().mapToInt(v -> v.key().key().length()).max().orElse(3);
    int valueWidth =
        Math.max(5, values.stream().mapToInt(v -> display(v).length()).max().orElse(5));
    String format = "  %-" + keyWidth + "s  %-" + valueWidth + "s  %s";
    return values.stream()
        .map(
            v ->
                String.format(
                    Locale.ROOT, format, v.key().key(), display(v), v.source().describe(v.key())))
        .collect(
            Collectors.joining(
                "\n", String.format(Locale.ROOT, format, "key", "value", "source") + "\n", ""));
  }

  private static String display(ConfigValue v) {
    return v.text().isEmpty() ? "(none)" : v.text();
  }
}
