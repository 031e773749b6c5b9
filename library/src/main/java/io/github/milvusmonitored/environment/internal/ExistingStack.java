package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.RunOwnership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator-based stack someone else installed (kube-prometheus-stack, or kube-prometheus): its
 * Prometheus operators and Prometheus resources, and the choice of the Prometheus that scrapes the
 * Milvus ServiceMonitor. Only reads the cluster.
 */
final class ExistingStack {

  private static final Logger LOG = LoggerFactory.getLogger(ExistingStack.class);
  static final String OPERATOR_IMAGE = "prometheus-operator/prometheus-operator";

  private final List<Deployment> operators;
  private final List<GenericKubernetesResource> prometheuses;

  private ExistingStack(List<Deployment> operators, List<GenericKubernetesResource> prometheuses) {
    this.operators = operators;
    this.prometheuses = prometheuses;
  }

  static ExistingStack find(KubernetesClient client) {
    List<Deployment> operators =
        client.apps().deployments().inAnyNamespace().list().getItems().stream()
            .filter(
                d ->
                    d.getSpec() != null
                        && d.getSpec().getTemplate().getSpec().getContainers().stream()
                            .anyMatch(
                                c -> c.getImage() != null && c.getImage().contains(OPERATOR_IMAGE)))
            .sorted(
                Comparator.comparing(
                    d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()))
            .toList();
    List<GenericKubernetesResource> prometheuses;
    try {
      prometheuses =
          client
              .genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus")
              .inAnyNamespace()
              .list()
              .getItems()
              .stream()
              .sorted(
                  Comparator.comparing(
                      p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
              .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      prometheuses = List.of(); // no Prometheus CRD
    }
    return new ExistingStack(operators, prometheuses);
  }

  /**
   * Whether the cluster has an operator-based stack to use (an operator and a Prometheus resource).
   */
  boolean isPresent() {
    return !operators.isEmpty() && !prometheuses.isEmpty();
  }

  /**
   * Whether the stack is present and its operators were not installed by this library
   * (kube-prometheus's own).
   */
  boolean isPresentNotOurs() {
    return isPresent() && operators.stream().noneMatch(RunOwnership::managedByLibrary);
  }

  /**
   * The Prometheus resource that selects the ServiceMonitor; when none does, the first whose
   * namespace selector admits it and whose serviceMonitorSelector asks only for labels, with those
   * labels for the ServiceMonitor.
   *
   * @throws KubePrometheusException when the stack cannot scrape Milvus; nothing was changed
   */
  @SuppressWarnings("unchecked")
  ChosenPrometheus choose(
      KubernetesClient client,
      String monitor,
      String monitorNamespace,
      Map<String, String> namespaceLabels,
      Map<String, String> monitorLabels) {
    if (prometheuses.isEmpty()) {
      throw new KubePrometheusException(
          ExistingStackTexts.noPrometheus(operators.stream().map(ExistingStack::ref).toList()));
    }
    List<String> running =
        operators.stream().filter(ExistingStack::available).map(ExistingStack::ref).toList();
    if (running.isEmpty()) {
      throw new KubePrometheusException(
          ExistingStackTexts.operatorNotRunning(
              operators.stream()
                  .map(
                      d ->
                          ref(d) + " (" + ready(d) + " of " + d.getSpec().getReplicas() + " ready)")
                  .toList(),
              prometheuses.stream().map(ExistingStack::ref).toList()));
    }
    List<GenericKubernetesResource> selecting = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    GenericKubernetesResource labelOnly = null;
    Map<String, String> labels = Map.of();
    for (GenericKubernetesResource p : prometheuses) {
      Map<String, Object> spec = spec(p);
      List<String> why =
          ClusterServiceMonitorSelection.reasons(
              spec,
              p.getMetadata().getNamespace(),
              monitorNamespace,
              namespaceLabels,
              monitorLabels);
      if (why.isEmpty()) {
        selecting.add(p);
        continue;
      }
      reasons.add("Prometheus " + ref(p) + ": " + String.join("; ", why));
      Optional<Map<String, String>> wanted =
          labelsOnly(spec, p.getMetadata().getNamespace(), monitorNamespace, namespaceLabels);
      if (labelOnly == null && wanted.isPresent()) {
        labelOnly = p;
        labels = wanted.get();
      }
    }
    GenericKubernetesResource chosen;
    if (!selecting.isEmpty()) {
      chosen = selecting.get(0);
      if (selecting.size() > 1) {
        LOG.info(
            "[stack] {}",
            ExistingStackTexts.several(
                selecting.stream().map(ExistingStack::ref).toList(), ref(chosen)));
      }
      labels = Map.of();
    } else if (labelOnly != null) {
      chosen = labelOnly;
      LOG.info("[stack] {}", ExistingStackTexts.labelsAdded(monitor, ref(chosen), labels));
    } else {
      throw new KubePrometheusException(
          ExistingStackTexts.noneSelects(monitor, monitorLabels, namespaceLabels, reasons));
    }
    Map<String, Object> spec = spec(chosen);
    String account =
        spec.get("serviceAccountName") instanceof String s && !s.isBlank() ? s : "default";
    Service service = service(client, chosen);
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(
                sp ->
                    sp.getTargetPort() != null
                        && ("web".equals(sp.getTargetPort().getStrVal())
                            || Integer.valueOf(9090).equals(sp.getTargetPort().getIntVal())))
            .findFirst()
            .orElse(service.getSpec().getPorts().get(0));
    LOG.info(
        "[stack] using the existing stack's Prometheus {} (ServiceAccount {}, Service {}:{}); nothing of the"
            + " stack is installed or changed",
        ref(chosen),
        account,
        service.getMetadata().getName(),
        port.getName());
    return new ChosenPrometheus(
        chosen.getMetadata().getNamespace(),
        chosen.getMetadata().getName(),
        account,
        service.getMetadata().getName(),
        port.getName(),
        port.getPort(),
        labels,
        false);
  }

  /**
   * The labels {@code spec}'s serviceMonitorSelector asks for, when that is all that keeps it from
   * selecting.
   */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, String>> labelsOnly(
      Map<String, Object> spec,
      String prometheusNamespace,
      String monitorNamespace,
      Map<String, String> namespaceLabels) {
    Object nsSelector = spec.get("serviceMonitorNamespaceSelector");
    boolean namespaceOk =
        nsSelector == null
            ? prometheusNamespace.equals(monitorNamespace)
            : PrometheusSelection.matches(nsSelector, namespaceLabels);
    if (!namespaceOk
        || !(spec.get("serviceMonitorSelector") instanceof Map<?, ?> selector)
        || selector.get("matchExpressions") != null
        || !(selector.get("matchLabels") instanceof Map<?, ?> match)) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    match.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    return Optional.of(labels);
  }

  /**
   * The Service whose selector picks this Prometheus's pods, preferring one with a cluster address.
   */
  private static Service service(KubernetesClient client, GenericKubernetesResource prometheus) {
    String name = prometheus.getMetadata().getName();
    Map<String, String> podLabels =
        Map.of(
            "app.kubernetes.io/name",
            "prometheus",
            "operator.prometheus.io/name",
            name,
            "prometheus",
            name);
    List<Service> candidates =
        client
            .services()
            .inNamespace(prometheus.getMetadata().getNamespace())
            .list()
            .getItems()
            .stream()
            .filter(
                s ->
                    s.getSpec().getSelector() != null
                        && !s.getSpec().getSelector().isEmpty()
                        && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet())
                        && s.getSpec().getPorts() != null
                        && !s.getSpec().getPorts().isEmpty())
            .sorted(
                Comparator.comparing((Service s) -> "None".equals(s.getSpec().getClusterIP()))
                    .thenComparing(s -> -s.getSpec().getSelector().size())
                    .thenComparing(s -> s.getMetadata().getName()))
            .toList();
    if (candidates.isEmpty()) {
      throw new KubePrometheusException(ExistingStackTexts.noService(ref(prometheus)));
    }
    return candidates.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource p) {
    return p.getAdditionalProperties().get("spec") instanceof Map<?, ?> m
        ? (Map<String, Object>) m
        : Map.of();
  }

  private static boolean available(Deployment d) {
    return ready(d) > 0;
  }

  private static int ready(Deployment d) {
    return d.getStatus() == null || d.getStatus().getReadyReplicas() == null
        ? 0
        : d.getStatus().getReadyReplicas();
  }

  private static String ref(HasMetadata r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
