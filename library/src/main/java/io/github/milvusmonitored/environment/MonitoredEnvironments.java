package io.github.milvusmonitored.environment;

import io.github.milvusmonitored.environment.internal.EnvironmentStarter;

/**
 * Starts monitored environments.
 *
 * <pre>{@code
 * try (MonitoredEnvironment env = MonitoredEnvironments.start(EnvironmentConfig.defaults())) {
 *   env.milvusMetrics().awaitFirstSample(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class MonitoredEnvironments {

  private MonitoredEnvironments() {}

  /**
   * Brings the environment up, phase by phase with progress lines: manifests verified, cluster up,
   * CRDs Established, operator ready and Milvus ready (concurrently), RBAC patched, Prometheus
   * ready, Milvus target up, first milvus_ sample. The timing report is written to {@code
   * <reportDirectory>/timing-report.json}.
   *
   * @throws EnvironmentStartException naming the failed phase and the diagnostics folder; what this
   *     run installed has then been removed unless {@link EnvironmentConfig#keepOnFailure()}
   */
  public static MonitoredEnvironment start(EnvironmentConfig config) {
    return EnvironmentStarter.start(config);
  }
}
