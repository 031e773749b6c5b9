package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The prometheus-operator pod, run as the real operator with the arguments of its Deployment and
 * the identity of its ServiceAccount (in-cluster configuration), so that kube-prometheus's own RBAC
 * for the operator applies.
 */
final class OperatorPod implements PodRunner {

  private final LabProcess operator;

  private OperatorPod(LabProcess operator) {
    this.operator = operator;
  }

  /**
   * kube-prometheus's operator pod ({@code app.kubernetes.io/name=prometheus-operator}), or any pod
   * whose container runs the operator's image (kube-prometheus-stack names its pods {@code
   * kube-prometheus-stack-operator}).
   */
  static boolean serves(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && "prometheus-operator".equals(labels.get("app.kubernetes.io/name"))
        || pod.getSpec().getContainers().stream()
            .anyMatch(
                c ->
                    c.getImage() != null
                        && c.getImage().contains("prometheus-operator/prometheus-operator:"));
  }

  static OperatorPod start(
      KubernetesClient client,
      Pod pod,
      LabPrograms programs,
      LabNetwork network,
      LabPki pki,
      Path dir) {
    Container container =
        pod.getSpec().getContainers().stream()
            .filter(c -> "prometheus-operator".equals(c.getName()))
            .findFirst()
            .orElse(pod.getSpec().getContainers().get(0));
    List<String> command =
        new ArrayList<>(List.of(programs.path("prometheus-operator").toString()));
    for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
      if (!arg.startsWith("--web.listen-address")) {
        command.add(arg);
      }
    }
    command.add("--web.listen-address=127.0.0.1:8080");
    PodIdentity identity = PodIdentity.issue(client, pod, pki, dir.resolve("serviceaccount"));
    LabProcess operator =
        LabProcess.start(
            pod.getMetadata().getName(),
            network.command(identity.wrap(command)),
            PodIdentity.environment(),
            dir);
    return new OperatorPod(operator);
  }

  LabProcess process() {
    return operator;
  }

  @Override
  public boolean inLab() {
    return true;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
