package io.github.milvusmonitored.access.internal;

import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.List;

/** The messages for a service proxy that cannot reach its Service's pods, in one place. */
public final class ServiceProxyErrors {

  private ServiceProxyErrors() {}

  /** The API server answered 503 "error trying to reach service: ...". */
  public static String endpointsUnreachable(
      String target, String apiServerMessage, List<NetworkPolicies.Restriction> policies) {
    return "The Kubernetes API server could not reach "
        + target
        + " through its service proxy (HTTP 503: "
        + apiServerMessage
        + "). "
        + cause(policies);
  }

  /** The proxy gave no answer in time while a NetworkPolicy restricts the pods. */
  public static String noAnswer(
      String target, Duration timeout, List<NetworkPolicies.Restriction> policies) {
    return "The Kubernetes API server's service proxy gave no answer from "
        + target
        + " within "
        + MonitoredDuration.humanText(timeout)
        + ". "
        + cause(policies);
  }

  private static String cause(List<NetworkPolicies.Restriction> policies) {
    String ways =
        "use the port-forward transport (PortForwards.of(client).prometheusUi() with"
            + " PrometheusClient.create(uri)), which needs no such route and which milvus-monitored falls back to by"
            + " itself.";
    if (policies.isEmpty()) {
      return "No NetworkPolicy restricts the Service's pods, so the API server likely has no route to the pod"
          + " network (a firewall, or a control plane outside the cluster's network); check with 'kubectl get"
          + " --raw' on the proxy path. Otherwise "
          + ways;
    }
    NetworkPolicies.Restriction first = policies.get(0);
    return "NetworkPolicy "
        + first.name()
        + (policies.size() > 1 ? " (and " + (policies.size() - 1) + " more)" : "")
        + " selects the Service's pods and admits only "
        + String.join(", ", first.admits())
        + ": not the API"
        + " server, whose requests come from outside the pod network on multi-node and managed clusters with an"
        + " enforcing network plugin (kube-prometheus ships this policy). Two ways out: allow the API server in"
        + " the policy (an ingress rule from the API server's addresses, or remove the policy in a test"
        + " cluster), or "
        + ways;
  }
}
