package io.github.milvusmonitored.junit.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every error message of the extension, in one place so their wording is tested. */
public final class ExtensionErrors {

  private ExtensionErrors() {}

  static String unknownSetting(String name, ConfigSource source) {
    Function<ConfigKey, String> form =
        source == ConfigSource.SYSTEM_PROPERTY
            ? ConfigKey::systemProperty
            : ConfigKey::environmentVariable;
    String what =
        source == ConfigSource.SYSTEM_PROPERTY ? "system property" : "environment variable";
    String suggestion =
        closest(name, form).map(k -> " Did you mean " + form.apply(k) + "?").orElse("");
    return "Unknown @MilvusMonitored setting: "
        + what
        + " "
        + name
        + "."
        + suggestion
        + " Valid keys: "
        + Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.joining(", "))
        + " (system property milvus.monitored.<key>, environment variable MILVUS_MONITORED_<KEY> in upper"
        + " snake case, e.g. MILVUS_MONITORED_SCRAPE_INTERVAL). Rename or remove it; a misspelt setting would"
        + " otherwise be ignored silently.";
  }

  static String invalidValue(ConfigKey key, String text, ConfigSource source, String problem) {
    return "Invalid @MilvusMonitored setting "
        + key.key()
        + " = '"
        + text
        + "' from "
        + source.describe(key)
        + ": "
        + problem
        + ". Expected "
        + key.expectedForm()
        + ".";
  }

  static String inconsistent(String problem, List<ConfigValue> involved) {
    return "The @MilvusMonitored configuration is inconsistent: "
        + problem
        + " Values involved: "
        + involved.stream()
            .map(v -> v.key().key() + " = '" + v.text() + "' from " + v.source().describe(v.key()))
            .collect(Collectors.joining("; "))
        + ". Change one of them.";
  }

  static String scrapeTimeoutNotBelowInterval(ConfigValue timeout, ConfigValue interval) {
    return inconsistent(
        "the scrape timeout "
            + timeout.text()
            + " is not below the scrape interval "
            + interval.text()
            + "; the Prometheus operator rejects such a ServiceMonitor endpoint.",
        List.of(interval, timeout));
  }

  /** k3s needs Docker and Docker is not there. */
  public static String dockerMissing(String k3sImage) {
    return "@MilvusMonitored needs Docker to start k3s ("
        + k3sImage
        + "), but Testcontainers found no"
        + " working Docker environment. Either start Docker (and check that `docker info` works for this user),"
        + " or use an existing cluster with @MilvusMonitored(kubeconfig = \"...\") or"
        + " -Dmilvus.monitored.kubeconfig=<file> / MILVUS_MONITORED_KUBECONFIG, or set"
        + " disabledWithoutDocker = true (MILVUS_MONITORED_DISABLED_WITHOUT_DOCKER=true) to skip such classes"
        + " on machines without Docker.";
  }

  /** The reason a class is disabled for want of Docker. */
  public static String disabledWithoutDocker(String k3sImage) {
    return "Disabled: Docker is not available to start k3s ("
        + k3sImage
        + ") and disabledWithoutDocker is"
        + " true. Start Docker, or point kubeconfig at an existing cluster, to run it.";
  }

  static String notAnnotated(Class<?> parameterType, String where) {
    return "Cannot supply a "
        + parameterType.getSimpleName()
        + " to "
        + where
        + ": the test class is not"
        + " annotated with @MilvusMonitored (directly, through a composed annotation or an enclosing class)."
        + " Add @MilvusMonitored to the class; registering MilvusMonitoredExtension alone does not say which"
        + " environment to start.";
  }

  static String noFactory(String factoryClass, Throwable cause) {
    return "No environment factory: no io.github.milvusmonitored.junit.spi.EnvironmentFactory is registered"
        + " and "
        + factoryClass
        + ".start(EnvironmentConfig) could not be called ("
        + cause
        + "). Put the"
        + " milvus-monitored library of the same version on the test class path, or register an"
        + " EnvironmentFactory in META-INF/services.";
  }

  static String severalFactories(List<String> names) {
    return "Several io.github.milvusmonitored.junit.spi.EnvironmentFactory implementations are registered: "
        + names
        + ". Keep one on the test class path; which one should start the environment is otherwise a"
        + " guess.";
  }

  static String milvusClientFailed(String uri, Throwable cause) {
    return "Could not connect a MilvusClientV2 to "
        + uri
        + " (the environment's Milvus endpoint): "
        + cause
        + ". The port-forward to Milvus may have dropped or Milvus may be restarting; see the diagnostics of"
        + " the environment (pods, events) under the report directory.";
  }

  /**
   * A start that failed, as one paragraph: what failed, why, what to do, where the diagnostics are.
   *
   * @param phase the phase that failed, or null when the start failed before its phases (the
   *     cluster not up)
   * @param why the failure's own explanation
   * @param kept whether keepOnFailure left what was installed in place
   * @param installedSomething whether the start got as far as installing (then it was removed or
   *     kept)
   * @param diagnostics the diagnostics folder, or null when none was written
   * @param timingReport the timing report, or null when none was written
   */
  static String startFailed(
      String testClass,
      String phase,
      String why,
      boolean kept,
      boolean installedSomething,
      Path diagnostics,
      Path timingReport) {
    StringBuilder out =
        new StringBuilder(
                "@MilvusMonitored could not start the monitored environment (started for ")
            .append(testClass)
            .append("): ");
    if (phase != null) {
      out.append("phase '").append(phase).append("' failed: ");
    }
    out.append(why).append(why.matches("(?s).*[.!?]$") ? "" : ".");
    if (installedSomething) {
      out.append(
          kept
              ? " What the start installed was kept for inspection (keepOnFailure = true)."
              : " What the start installed was removed; keepOnFailure = true (system property"
                  + " milvus.monitored.keepOnFailure, MILVUS_MONITORED_KEEP_ON_FAILURE) keeps it for inspection.");
    }
    if (diagnostics != null) {
      out.append(" Diagnostics (pods, events, targets, logs of unready pods): ")
          .append(diagnostics)
          .append('.');
    } else if (installedSomething) {
      out.append(" No diagnostics could be written (see the chain below).");
    }
    if (timingReport != null) {
      out.append(" Timing report: ").append(timingReport).append('.');
    }
    return out.append(
            " Every class with this configuration fails with this error; fix the cause and run the tests"
                + " again.")
        .toString();
  }

  /**
   * Each exception of {@code failure}'s chain once, outermost first, with its suppressed ones: the
   * type, and the message unless {@code shown} (or an earlier line) already holds it.
   */
  static String causeChain(Throwable failure, String shown) {
    StringBuilder out = new StringBuilder("Cause chain (messages shown above are not repeated):");
    StringBuilder seen = new StringBuilder(shown);
    String prefix = "\n  ";
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      line(out, seen, prefix, t);
      for (Throwable suppressed : t.getSuppressed()) {
        line(out, seen, "\n    suppressed: ", suppressed);
      }
      prefix = "\n  caused by ";
    }
    return out.toString();
  }

  private static void line(StringBuilder out, StringBuilder seen, String prefix, Throwable t) {
    out.append(prefix).append(t.getClass().getName());
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    if (!message.isEmpty() && seen.indexOf(message) < 0) {
      out.append(": ").append(message);
      seen.append('\n').append(message);
    }
  }

  static String diagnosticsWritten(String folder) {
    return "Diagnostics of this failure (cluster state, Prometheus targets, metric charts): "
        + folder;
  }

  /**
   * The key a misspelt setting most likely meant: the one whose key part (after the prefix, case
   * and separators ignored) is at most a quarter of its length away in edit distance, at least one
   * edit.
   */
  private static Optional<ConfigKey> closest(String name, Function<ConfigKey, String> form) {
    String wanted = keyPart(name);
    Function<ConfigKey, Integer> away = k -> distance(wanted, keyPart(form.apply(k)));
    return Arrays.stream(ConfigKey.values())
        .min(Comparator.comparing(away))
        .filter(k -> away.apply(k) <= Math.max(1, keyPart(form.apply(k)).length() / 4));
  }

  private static String keyPart(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String prefix :
        List.of(
            ConfigKey.PROPERTY_PREFIX.toLowerCase(Locale.ROOT),
            ConfigKey.VARIABLE_PREFIX.toLowerCase(Locale.ROOT))) {
      if (lower.startsWith(prefix)) {
        lower = lower.substring(prefix.length());
      }
    }
    return lower.replace("_", "").replace(".", "").replace("-", "");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
