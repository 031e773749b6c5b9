package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.milvus.MilvusHelmRelease;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.RunOwnership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks made before anything changes on a cluster: a kube-prometheus found healthy must scrape
 * the Milvus ServiceMonitor, and a Milvus release found must be one this library may upgrade.
 */
final class StartPreflight {

  private static final Logger LOG = LoggerFactory.getLogger(StartPreflight.class);

  private final EnvironmentConfig config;
  private final KubernetesCluster cluster;
  private final MilvusHelmRelease release;
  private final RunOwnership run;

  StartPreflight(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      MilvusHelmRelease release,
      RunOwnership run) {
    this.config = config;
    this.cluster = cluster;
    this.release = release;
    this.run = run;
  }

  /** The labels the Milvus namespace has, or will have when the run creates it. */
  private Map<String, String> milvusNamespaceLabels() {
    String namespace = config.milvus().namespace();
    Namespace existing =
        api(
            config,
            "get namespace " + namespace,
            () -> cluster.client().namespaces().withName(namespace).get(),
            "get",
            "namespaces",
            namespace);
    Map<String, String> labels =
        new LinkedHashMap<>(
            existing != null && existing.getMetadata().getLabels() != null
                ? existing.getMetadata().getLabels()
                : run.labels());
    labels.putIfAbsent("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  /**
   * The existing stack's Prometheus for the Milvus ServiceMonitor as the chart renders it; reads
   * only.
   */
  ChosenPrometheus chooseExistingPrometheus(ExistingStack stack) {
    String namespace = config.milvus().namespace();
    String name = release.values().names().serviceMonitorName();
    ServiceMonitor monitor = release.render().serviceMonitor(name).orElse(null);
    Map<String, String> monitorLabels =
        monitor == null || monitor.getMetadata().getLabels() == null
            ? Map.of()
            : monitor.getMetadata().getLabels();
    return stack.choose(
        cluster.client(),
        namespace + "/" + name,
        namespace,
        milvusNamespaceLabels(),
        monitorLabels);
  }

  @SuppressWarnings("unchecked")
  void requireExistingPrometheusSelectsMilvus() {
    KubernetesClient client = cluster.client();
    GenericKubernetesResource prometheus =
        api(
            config,
            "get Prometheus monitoring/k8s",
            () ->
                client
                    .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
                    .inNamespace("monitoring")
                    .withName("k8s")
                    .get(),
            "get",
            "prometheuses.monitoring.coreos.com",
            "monitoring");
    String namespace = config.milvus().namespace();
    Namespace existing =
        api(
            config,
            "get namespace " + namespace,
            () -> client.namespaces().withName(namespace).get(),
            "get",
            "namespaces",
            namespace);
    Map<String, String> namespaceLabels =
        new LinkedHashMap<>(
            existing != null && existing.getMetadata().getLabels() != null
                ? existing.getMetadata().getLabels()
                : run.labels());
    namespaceLabels.putIfAbsent("kubernetes.io/metadata.name", namespace);
    ServiceMonitor monitor =
        release.render().serviceMonitor(release.values().names().serviceMonitorName()).orElse(null);
    Map<String, String> monitorLabels =
        monitor == null || monitor.getMetadata().getLabels() == null
            ? Map.of()
            : monitor.getMetadata().getLabels();
    Object spec = prometheus == null ? null : prometheus.getAdditionalProperties().get("spec");
    List<String> problems =
        PrometheusSelection.problems(
            spec instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
            "monitoring",
            namespace,
            namespaceLabels,
            monitorLabels);
    if (!problems.isEmpty()) {
      throw new KubePrometheusException(
          EnvironmentErrors.existingPrometheusMissesMilvus(
              namespace + "/" + release.values().names().serviceMonitorName(), problems));
    }
    LOG.info(
        "[stack] the kube-prometheus found here is used as it is: Prometheus monitoring/k8s selects ServiceMonitor {}/{}",
        namespace,
        release.values().names().serviceMonitorName());
  }

  // Transient API errors retried within the stack deadline; a 403 fails at once naming verb and
  // resource.
  static <T> T api(
      EnvironmentConfig config,
      String what,
      Supplier<T> call,
      String verb,
      String resource,
      String namespace) {
    try {
      return KubeRetry.call(what, KubeRetry.Deadline.in(config.stackReadyTimeout()), call);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new MilvusReleaseException(
            EnvironmentErrors.forbidden(
                verb,
                resource,
                namespace,
                e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage()),
            e);
      }
      throw e;
    }
  }

  Optional<HelmReleaseRecords.Revision> priorRelease() {
    String namespace = config.milvus().namespace();
    String name = config.milvus().releaseName();
    Optional<HelmReleaseRecords.Revision> prior =
        api(
            config,
            "list Helm's release records in " + namespace,
            () -> HelmReleaseRecords.latest(cluster.client(), namespace, name),
            "list",
            "secrets",
            namespace);
    if (prior.isPresent() && !cluster.isDisposable() && !namespaceIsLibrarys(namespace)) {
      throw new MilvusReleaseException(EnvironmentErrors.releaseNotOurs(prior.get()));
    }
    return prior;
  }

  private boolean namespaceIsLibrarys(String namespace) {
    return RunOwnership.managedByLibrary(
        api(
            config,
            "get namespace " + namespace,
            () -> cluster.client().namespaces().withName(namespace).get(),
            "get",
            "namespaces",
            namespace));
  }
}
