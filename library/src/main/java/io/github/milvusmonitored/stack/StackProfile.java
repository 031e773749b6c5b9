package io.github.milvusmonitored.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import io.github.milvusmonitored.stack.internal.ManifestParser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which part of kube-prometheus is installed.
 *
 * <ul>
 *   <li>{@link #MINIMAL} (for tests): {@code setup/}, {@code prometheusOperator-*} and {@code
 *       prometheus-*}, with the Prometheus {@code monitoring/k8s} at 1 replica and without {@code
 *       spec.alerting}; NetworkPolicies, PodDisruptionBudgets and PrometheusRules are skipped.
 *   <li>{@link #FULL}: every manifest as published (Alertmanager, Grafana, node-exporter, ...).
 * </ul>
 *
 * <p>MINIMAL skips the PrometheusRules of the kept components too: without Alertmanager their
 * alerts go nowhere, and rule evaluation only costs the small test cluster CPU.
 *
 * <pre>{@code
 * StackProfile profile = StackProfile.parse("minimal");
 * }</pre>
 */
public enum StackProfile {

  /** Prometheus and its operator only, one replica, no alerting. */
  MINIMAL,

  /**
   * Everything as published. On k3s in Docker start k3s with {@code --disable=metrics-server}
   * (prometheus-adapter registers the same APIService) and make {@code /} a shared mount
   * (node-exporter mounts it with HostToContainer propagation).
   */
  FULL;

  private static final List<String> MINIMAL_PREFIXES =
      List.of("prometheusOperator-", "prometheus-");
  private static final List<String> MINIMAL_SKIPPED_SUFFIXES =
      List.of("-networkPolicy.yaml", "-podDisruptionBudget.yaml", "-prometheusRule.yaml");

  /** Parses a profile name case-insensitively; an unknown name lists the valid ones. */
  public static StackProfile parse(String value) {
    String wanted = value == null ? "" : value.strip();
    return Arrays.stream(values())
        .filter(p -> p.name().equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new KubePrometheusException(
                    KubePrometheusErrors.unknownProfile(
                        String.valueOf(value),
                        Arrays.stream(values())
                            .map(p -> p.name().toLowerCase(Locale.ROOT))
                            .toList())));
  }

  /**
   * Whether the file at {@code path} (e.g. {@code manifests/grafana-deployment.yaml}) is applied.
   */
  public boolean keeps(String path) {
    if (this == FULL || ManifestFile.isSetupPath(path)) {
      return true;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return MINIMAL_PREFIXES.stream().anyMatch(name::startsWith)
        && MINIMAL_SKIPPED_SUFFIXES.stream().noneMatch(name::endsWith);
  }

  /** The object as this profile applies it: MINIMAL trims the Prometheus {@code monitoring/k8s}. */
  public HasMetadata prepare(HasMetadata resource) {
    if (this == FULL || !isMainPrometheus(resource)) {
      return resource;
    }
    return ManifestParser.edit(
        resource,
        tree -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
          if (spec != null) {
            spec.put("replicas", 1);
            spec.remove("alerting");
          }
        });
  }

  private static boolean isMainPrometheus(HasMetadata resource) {
    return "Prometheus".equals(resource.getKind())
        && resource.getApiVersion() != null
        && resource.getApiVersion().startsWith("monitoring.coreos.com/")
        && "k8s".equals(resource.getMetadata().getName())
        && "monitoring".equals(resource.getMetadata().getNamespace());
  }
}
