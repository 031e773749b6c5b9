package io.github.milvusmonitored.environment;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.stack.AppliedRules;
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

  /**
   * A local endpoint for Milvus's gRPC port (a port-forward opened on first use, reconnecting if it
   * drops).
   */
  MilvusEndpoint milvusEndpoint();

  /** A local URL for the Prometheus UI (port-forward opened on first use). */
  URI prometheusUiUrl();

  /** A local URL for Grafana, when the stack profile includes it. */
  Optional<URI> grafanaUrl();

  /**
   * Applies a rule file ({@code groups: ...}) or a PrometheusRule manifest as a PrometheusRule in
   * the release's namespace, labelled with this run's id and the labels the Prometheus's {@code
   * ruleSelector} requires, so that the operator hands it to Prometheus; removed when the returned
   * handle or the environment is closed. A file that is not YAML or not a rule group file fails
   * before anything is applied.
   *
   * <pre>{@code
   * env.applyRules(Path.of("src/test/resources/milvus-alerts.yaml"));
   * assertThatAlert(env.prometheus(), "MilvusSearchFailing").eventually(ofMinutes(2)).isFiring();
   * }</pre>
   */
  AppliedRules applyRules(Path ruleFile);

  /** How long each readiness phase took. */
  TimingReport timingReport();

  /**
   * Writes pods, events, the Helm release, ServiceMonitors, Prometheus targets and scrape pools,
   * and the logs of unready pods into {@code folder}; never throws for what it cannot collect.
   *
   * @return the folder written
   */
  Path writeDiagnostics(Path folder);

  /**
   * Removes what the environment installed (unless configured to keep it) and stops what it
   * started.
   */
  @Override
  void close();
}
