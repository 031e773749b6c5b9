package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code pods.txt}: a kubectl-like table per namespace, then each pod's conditions and
 * containers.
 */
public final class PodsCollector {

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final DiagnosticsContext context;

  public PodsCollector(
      KubernetesClient client, List<String> namespaces, DiagnosticsContext context) {
    this.client = client;
    this.namespaces = namespaces;
    this.context = context;
  }

  public String collect(StepRunner.StepOutput out) {
    StringBuilder text = new StringBuilder();
    Instant now = Instant.now();
    for (String ns : namespaces) {
      text.append("# Namespace ").append(ns).append('\n');
      List<Pod> pods;
      try {
        pods =
            client.pods().inNamespace(ns).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
      } catch (RuntimeException e) {
        text.append(out.fail(DiagnosticsErrors.couldNotCollect("pods of namespace " + ns, e)))
            .append("\n\n");
        continue;
      }
      context.addPods(ns, pods);
      if (pods.isEmpty()) {
        text.append("No pods.\n\n");
        continue;
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%-50s %-6s %-28s %-9s %-8s %-16s %s%n",
              "NAME",
              "READY",
              "STATUS",
              "RESTARTS",
              "AGE",
              "IP",
              "NODE"));
      pods.forEach(p -> text.append(PodDescriptions.summaryLine(p, now)).append('\n'));
      text.append('\n');
      pods.forEach(p -> describe(p, text));
    }
    return text.toString();
  }

  private static void describe(Pod pod, StringBuilder text) {
    text.append("## ")
        .append(pod.getMetadata().getNamespace())
        .append('/')
        .append(pod.getMetadata().getName())
        .append('\n');
    text.append("  phase=")
        .append(PodDescriptions.phase(pod))
        .append(" node=")
        .append(pod.getSpec() == null ? null : pod.getSpec().getNodeName());
    var ready = PodDescriptions.readyCondition(pod);
    text.append(" Ready=").append(ready.map(c -> c.getStatus()).orElse("<no condition>"));
    ready
        .filter(c -> c.getReason() != null || c.getMessage() != null)
        .ifPresent(
            c ->
                text.append(" (")
                    .append(c.getReason())
                    .append(": ")
                    .append(c.getMessage())
                    .append(')'));
    text.append('\n');
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      pod.getStatus().getConditions().stream()
          .filter(c -> !"True".equals(c.getStatus()) && !"Ready".equals(c.getType()))
          .forEach(
              c ->
                  text.append("  condition ")
                      .append(c.getType())
                      .append('=')
                      .append(c.getStatus())
                      .append(c.getReason() == null ? "" : " reason=" + c.getReason())
                      .append(c.getMessage() == null ? "" : " message=\"" + c.getMessage() + "\"")
                      .append('\n'));
    }
    PodDescriptions.initContainers(pod)
        .forEach(
            c -> text.append("  ").append(PodDescriptions.containerLine(c, true)).append('\n'));
    PodDescriptions.containers(pod)
        .forEach(
            c -> text.append("  ").append(PodDescriptions.containerLine(c, false)).append('\n'));
    text.append('\n');
  }
}
