package io.github.milvusmonitored.junit.spi;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;

/**
 * Starts the environment {@code @MilvusMonitored} hands to tests; found with {@link
 * java.util.ServiceLoader}.
 *
 * <p>Without a registered implementation the extension calls {@code
 * io.github.milvusmonitored.environment.MonitoredEnvironments.start(config)}. Register one in
 * {@code META-INF/services/io.github.milvusmonitored.junit.spi.EnvironmentFactory} to start the
 * environment differently (a shared remote cluster, a pre-provisioned stack, a fake in the
 * extension's own tests). At most one implementation may be registered.
 *
 * <pre>{@code
 * public final class RemoteLabFactory implements EnvironmentFactory {
 *   public MonitoredEnvironment start(EnvironmentConfig config) {
 *     return MonitoredEnvironments.start(config.withCluster(ClusterChoice.existing(Path.of("lab.kubeconfig"))));
 *   }
 * }
 * }</pre>
 */
public interface EnvironmentFactory {

  /**
   * Starts an environment for {@code config} and returns once Milvus's metrics reach Prometheus.
   * Called at most once per distinct configuration per JVM; the extension closes the result when
   * the test run ends.
   */
  MonitoredEnvironment start(EnvironmentConfig config);
}
