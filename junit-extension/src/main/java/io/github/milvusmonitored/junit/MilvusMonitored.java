package io.github.milvusmonitored.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a Kubernetes cluster with kube-prometheus scraping a Milvus release.
 *
 * <pre>{@code
 * @MilvusMonitored(stackProfile = "minimal", scrapeInterval = "15s", scrapeTimeout = "5s")
 * class InsertMetricsTest {
 *   @Test
 *   void counts_inserted_vectors(MilvusClientV2 milvus, MilvusMetrics metrics) {
 *     milvus.insert(...);
 *     assertThatMetric(metrics, "sum(milvus_proxy_insert_vectors_count)").eventually(ofMinutes(1)).isPositive();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests, constructors and lifecycle methods receive by type: {@code MilvusMetrics}, {@code
 * PrometheusClient}, fabric8's {@code KubernetesClient}, {@code MilvusEndpoint}, {@code
 * MonitoredEnvironment}, and, when the Milvus Java SDK is on the class path, {@code
 * io.milvus.v2.client.MilvusClientV2} (one per test class, closed after it).
 *
 * <p>One environment is started per JVM for each distinct effective configuration and shared by
 * every class that resolves to it; it is closed when the test run ends. Two classes with different
 * configurations start two environments (two k3s clusters, each with its own Prometheus and
 * Milvus): keep the configuration in one composed annotation to pay for one.
 *
 * <p>The annotation may be used as a meta-annotation:
 *
 * <pre>{@code
 * @Retention(RUNTIME) @Target(TYPE)
 * @MilvusMonitored(stackProfile = "full", keepOnFailure = true)
 * public @interface FullStack {}
 * }</pre>
 *
 * <h2>Configuration</h2>
 *
 * Each value comes from, lowest precedence first: the built-in default, this annotation, the system
 * property {@code milvus.monitored.<key>}, the environment variable {@code MILVUS_MONITORED_<KEY>}.
 * An unknown {@code milvus.monitored.*} property or {@code MILVUS_MONITORED_*} variable fails the
 * class. Durations are ISO-8601 ({@code PT30S}) or Prometheus style ({@code 30s}, {@code 1m30s}).
 * The effective configuration is logged once, with where each value came from.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key / attribute</th><th>environment variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>stackProfile</td><td>MILVUS_MONITORED_STACK_PROFILE</td><td>minimal</td><td>kube-prometheus profile: minimal or full</td></tr>
 *   <tr><td>chartVersion</td><td>MILVUS_MONITORED_CHART_VERSION</td><td>5.0.19</td><td>Milvus Helm chart version</td></tr>
 *   <tr><td>imageTag</td><td>MILVUS_MONITORED_IMAGE_TAG</td><td>v2.6.24</td><td>Milvus image tag</td></tr>
 *   <tr><td>kubePrometheusVersion</td><td>MILVUS_MONITORED_KUBE_PROMETHEUS_VERSION</td><td>v0.18.0</td><td>kube-prometheus release tag</td></tr>
 *   <tr><td>stack</td><td>MILVUS_MONITORED_STACK</td><td>install</td><td>install kube-prometheus, use the operator-based stack the cluster has (existing: kube-prometheus-stack or a kube-prometheus installed by someone else), or auto (existing when there is one, else install)</td></tr>
 *   <tr><td>k3sImage</td><td>MILVUS_MONITORED_K3S_IMAGE</td><td>rancher/k3s:v1.35.0-k3s1</td><td>k3s image (k3s only)</td></tr>
 *   <tr><td>milvusProfile</td><td>MILVUS_MONITORED_MILVUS_PROFILE</td><td>standalone</td><td>Milvus chart values: standalone (etcd, MinIO and Milvus pods), one_pod (a single Milvus pod, fastest to start) or cluster (Milvus in cluster mode: mixcoord, proxy, querynode, datanode, streamingnode, etcd, MinIO)</td></tr>
 *   <tr><td>scrapeInterval</td><td>MILVUS_MONITORED_SCRAPE_INTERVAL</td><td>30s</td><td>ServiceMonitor interval</td></tr>
 *   <tr><td>scrapeTimeout</td><td>MILVUS_MONITORED_SCRAPE_TIMEOUT</td><td>10s</td><td>ServiceMonitor scrape timeout, below the interval</td></tr>
 *   <tr><td>stackReadyTimeout</td><td>MILVUS_MONITORED_STACK_READY_TIMEOUT</td><td>5m</td><td>deadline per kube-prometheus readiness phase</td></tr>
 *   <tr><td>firstSampleTimeout</td><td>MILVUS_MONITORED_FIRST_SAMPLE_TIMEOUT</td><td>5m</td><td>deadline for the first Milvus sample in Prometheus</td></tr>
 *   <tr><td>milvusReadyTimeout</td><td>MILVUS_MONITORED_MILVUS_READY_TIMEOUT</td><td>15m</td><td>deadline for the Milvus pods to be ready</td></tr>
 *   <tr><td>reuse</td><td>MILVUS_MONITORED_REUSE</td><td>false</td><td>reuse the k3s container across runs (Testcontainers reuse)</td></tr>
 *   <tr><td>keepOnFailure</td><td>MILVUS_MONITORED_KEEP_ON_FAILURE</td><td>false</td><td>leave everything installed when starting fails</td></tr>
 *   <tr><td>kubeconfig</td><td>MILVUS_MONITORED_KUBECONFIG</td><td>(empty: k3s)</td><td>kubeconfig of an existing cluster</td></tr>
 *   <tr><td>context</td><td>MILVUS_MONITORED_CONTEXT</td><td>(empty: current)</td><td>context in that kubeconfig</td></tr>
 *   <tr><td>disabledWithoutDocker</td><td>MILVUS_MONITORED_DISABLED_WITHOUT_DOCKER</td><td>false</td><td>disable (not fail) the class when k3s needs Docker and there is none</td></tr>
 *   <tr><td>reportDirectory</td><td>MILVUS_MONITORED_REPORT_DIRECTORY</td><td>target/milvus-monitored</td><td>where failure diagnostics are written</td></tr>
 * </table>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MilvusMonitoredExtension.class)
public @interface MilvusMonitored {

  /**
   * kube-prometheus profile, {@code minimal} or {@code full}; empty means the default (minimal).
   */
  String stackProfile() default "";

  /**
   * Where Prometheus comes from: {@code install} (kube-prometheus, the default), {@code existing}
   * (the cluster's operator-based stack, e.g. kube-prometheus-stack, used without changing it) or
   * {@code auto} (existing when the cluster has one, else install); empty means install.
   */
  String stack() default "";

  /** Milvus Helm chart version; empty means the default. */
  String chartVersion() default "";

  /** Milvus image tag, e.g. {@code v2.6.15}; empty means the chart's tested default. */
  String imageTag() default "";

  /** kube-prometheus release tag, e.g. {@code v0.18.0}; empty means the default. */
  String kubePrometheusVersion() default "";

  /** k3s image, e.g. {@code rancher/k3s:v1.35.0-k3s1}; empty means the default. */
  String k3sImage() default "";

  /**
   * Milvus chart values sized for a test cluster: {@code standalone} (Milvus, etcd and MinIO pods),
   * {@code one_pod} (a single Milvus pod with embedded etcd and local storage) or {@code cluster}
   * (Milvus in cluster mode, the deployment the Milvus monitoring guide describes: five component
   * pods, etcd and MinIO); empty means standalone.
   */
  String milvusProfile() default "";

  /** ServiceMonitor scrape interval, e.g. {@code 15s}; empty means 30s. */
  String scrapeInterval() default "";

  /** ServiceMonitor scrape timeout, below the interval, e.g. {@code 5s}; empty means 10s. */
  String scrapeTimeout() default "";

  /** Deadline for each kube-prometheus readiness phase, e.g. {@code 5m}. */
  String stackReadyTimeout() default "";

  /** Deadline for the Milvus target to be up and its first sample scraped, e.g. {@code 5m}. */
  String firstSampleTimeout() default "";

  /** Deadline for the Milvus release's pods to be ready, e.g. {@code 15m}. */
  String milvusReadyTimeout() default "";

  /** Reuse the k3s container across runs (needs {@code testcontainers.reuse.enable=true}). */
  boolean reuse() default false;

  /** Leave everything installed when starting fails, for diagnosis. */
  boolean keepOnFailure() default false;

  /** Kubeconfig file of an existing cluster; empty means start k3s in Docker. */
  String kubeconfig() default "";

  /** Context in {@link #kubeconfig()}; empty means its current context. */
  String context() default "";

  /** When k3s is needed and Docker is not available, disable the class instead of failing it. */
  boolean disabledWithoutDocker() default false;

  /**
   * Where failure diagnostics go, {@code <dir>/<class>/<test>/}; empty means {@code
   * target/milvus-monitored}.
   */
  String reportDirectory() default "";
}
