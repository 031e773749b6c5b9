package io.github.milvusmonitored.environment;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.PrometheusClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running cluster with kube-prometheus scraping a Milvus release: what a test talks to.
 *
 * <pre>{@code
 * try (MonitoredEnvironment env = MonitoredEnvironments.start(EnvironmentConfig.defaults())) {
 *   assertThatMetric(env.milvusMetrics(), "milvus_build_info").eventually(ofMinutes(1)).isPresent();
 * }
 * }</pre>
 */
public interface MonitoredEnvironment extends AutoCloseable {

  /** The configuration it was started with. */
  EnvironmentConfig config();

  /** A fabric8 client for the cluster; owned by the environment. */
  KubernetesClient kubernetesClient();

  /** The kubeconfig file of the cluster, for kubectl and Helm. */
  Path kubeconfigFile();

  /** A client for kube-prometheus's Prometheus, through the API server's service proxy. */
  PrometheusClient prometheus();

  /** The Milvus-aware view of the release's metrics. */
  MilvusMetrics milvusMetrics();

  /** A local endpoint for Milvus's gRPC port (a port-forward opened on first use, reconnecting if it drops). */
  MilvusEndpoint milvusEndpoint();

  /** A local URL for the Prometheus UI (port-forward opened on first use). */
  URI prometheusUiUrl();

  /** A local URL for Grafana, when the stack profile includes it. */
  Optional<URI> grafanaUrl();

  /** How long each readiness phase took. */
  TimingReport timingReport();

  /**
   * Writes pods, events, the Helm release, ServiceMonitors, Prometheus targets and scrape pools, and
   * the logs of unready pods into {@code folder}; never throws for what it cannot collect.
   *
   * @return the folder written
   */
  Path writeDiagnostics(Path folder);

  /** Removes what the environment installed (unless configured to keep it) and stops what it started. */
  @Override
  void close();
}
