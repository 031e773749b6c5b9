package io.github.milvusmonitored.access.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the NetworkPolicies that restrict ingress to a Service's pods: the likely reason the API
 * server's service proxy cannot reach them. kube-prometheus's {@code monitoring/prometheus-k8s}
 * admits only Prometheus, prometheus-adapter and Grafana pods.
 */
public final class NetworkPolicies {

  /**
   * A policy that selects the pods and admits only the listed sources.
   *
   * @param name {@code namespace/name}
   * @param admits the sources its ingress rules admit, e.g. {@code pods
   *     app.kubernetes.io/name=grafana}
   */
  public record Restriction(String name, List<String> admits) {}

  private NetworkPolicies() {}

  /**
   * The restricting policies; empty when there are none or they cannot be read (no RBAC to list
   * them).
   */
  public static List<Restriction> restricting(
      KubernetesClient client, String namespace, String service) {
    try {
      Service svc = client.services().inNamespace(namespace).withName(service).get();
      if (svc == null || svc.getSpec() == null || svc.getSpec().getSelector() == null) {
        return List.of();
      }
      Map<String, String> selector = svc.getSpec().getSelector();
      List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
      // Without pods the Service's selector stands for the labels every one of them will carry.
      Map<String, String> labels =
          pods.isEmpty() || pods.get(0).getMetadata().getLabels() == null
              ? selector
              : pods.get(0).getMetadata().getLabels();
      List<Restriction> out = new ArrayList<>();
      for (NetworkPolicy policy :
          client.network().v1().networkPolicies().inNamespace(namespace).list().getItems()) {
        if (policy.getSpec() != null
            && restrictsIngress(policy)
            && selects(policy.getSpec().getPodSelector(), labels)) {
          out.add(
              new Restriction(namespace + "/" + policy.getMetadata().getName(), admitted(policy)));
        }
      }
      return List.copyOf(out);
    } catch (RuntimeException unreadable) {
      return List.of();
    }
  }

  private static boolean restrictsIngress(NetworkPolicy policy) {
    List<String> types = policy.getSpec().getPolicyTypes();
    boolean ingressType = types == null || types.isEmpty() || types.contains("Ingress");
    // A rule without "from" admits every source: such a policy blocks nobody.
    return ingressType
        && policy.getSpec().getIngress().stream()
            .noneMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty());
  }

  /**
   * Label selector semantics: every matchLabels entry and every expression holds; an empty selector
   * selects all.
   */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean holds =
            switch (r.getOperator()) {
              case "In" -> value != null && values.contains(value);
              case "NotIn" -> value == null || !values.contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default -> false;
            };
        if (!holds) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> admitted(NetworkPolicy policy) {
    List<String> out = new ArrayList<>();
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        String what = describe(peer);
        if (!out.contains(what)) {
          out.add(what);
        }
      }
    }
    return List.copyOf(out);
  }

  private static String describe(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return "addresses " + peer.getIpBlock().getCidr();
    }
    List<String> parts = new ArrayList<>();
    if (peer.getNamespaceSelector() != null) {
      parts.add("namespaces " + labels(peer.getNamespaceSelector()));
    }
    if (peer.getPodSelector() != null) {
      parts.add("pods " + labels(peer.getPodSelector()));
    }
    return String.join(" ", parts);
  }

  private static String labels(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> parts.add(k + "=" + v));
    }
    if (selector.getMatchExpressions() != null) {
      selector
          .getMatchExpressions()
          .forEach(
              r ->
                  parts.add(
                      r.getKey()
                          + " "
                          + r.getOperator()
                          + (r.getValues() == null || r.getValues().isEmpty()
                              ? ""
                              : " " + r.getValues())));
    }
    return parts.isEmpty() ? "(all)" : String.join(",", parts);
  }
}
