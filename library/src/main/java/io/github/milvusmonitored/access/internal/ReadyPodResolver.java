package io.github.milvusmonitored.access.internal;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.access.ForwardTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves a Service port to a Ready pod and the container port behind it, as the Service would
 * route, which fabric8's own Service port-forward does not (it takes the first pod, ready or not).
 */
public final class ReadyPodResolver {

  /** A pod to forward to and the port on it. */
  public record Resolved(String pod, int podPort) {}

  private final KubernetesClient client;

  public ReadyPodResolver(KubernetesClient client) {
    this.client = client;
  }

  /** A Ready pod of the Service; {@code preferred} if it is still one of them. */
  public Resolved resolve(ForwardTarget target, String preferred) {
    Service service =
        client.services().inNamespace(target.namespace()).withName(target.service()).get();
    if (service == null) {
      throw PortForwardErrors.noService(target);
    }
    Map<String, String> selector =
        service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      throw PortForwardErrors.noSelector(target);
    }
    List<ServicePort> ports =
        service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
    ServicePort port =
        ports.stream()
            .filter(p -> Objects.equals(p.getPort(), target.port()))
            .findFirst()
            .orElseThrow(
                () ->
                    PortForwardErrors.noSuchPort(
                        target, ports.stream().map(ServicePort::getPort).toList()));
    List<Pod> pods =
        client.pods().inNamespace(target.namespace()).withLabels(selector).list().getItems();
    List<Pod> ready =
        pods.stream()
            .filter(ReadyPodResolver::isReady)
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .toList();
    if (ready.isEmpty()) {
      throw PortForwardErrors.noReadyPod(
          target, selectorText(selector), pods.stream().map(ReadyPodResolver::state).toList());
    }
    Pod chosen =
        ready.stream()
            .filter(p -> p.getMetadata().getName().equals(preferred))
            .findFirst()
            .orElse(ready.get(0));
    return new Resolved(chosen.getMetadata().getName(), podPort(target, port, chosen));
  }

  /** Whether the pod is Ready and not being deleted. */
  public static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static int podPort(ForwardTarget target, ServicePort port, Pod pod) {
    IntOrString targetPort = port.getTargetPort();
    if (targetPort == null || (targetPort.getIntVal() == null && targetPort.getStrVal() == null)) {
      return port.getPort();
    }
    if (targetPort.getIntVal() != null) {
      return targetPort.getIntVal();
    }
    String name = targetPort.getStrVal();
    if (name.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(name);
    }
    return pod.getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts() == null ? Stream.<ContainerPort>empty() : c.getPorts().stream())
        .filter(p -> name.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(
            () -> PortForwardErrors.namedPortMissing(target, pod.getMetadata().getName(), name));
  }

  private static String state(Pod pod) {
    String phase = pod.getStatus() == null ? "Unknown" : pod.getStatus().getPhase();
    return pod.getMetadata().getName()
        + " ("
        + phase
        + (pod.getMetadata().getDeletionTimestamp() != null ? ", terminating" : ", not Ready")
        + ")";
  }

  private static String selectorText(Map<String, String> selector) {
    return selector.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
