package io.github.milvusmonitored.access;

/**
 * A Service port to forward to: the Service's selector picks the pod, the port its target port.
 *
 * <pre>{@code
 * ForwardTarget grpc = ForwardTarget.of("milvus", "my-release-milvus", 19530);
 * }</pre>
 *
 * @param namespace the Service's namespace
 * @param service the Service's name
 * @param port the Service port (its {@code port}, not the container's target port)
 */
public record ForwardTarget(String namespace, String service, int port) {

  /** kube-prometheus's Prometheus UI and API: {@code monitoring/prometheus-k8s} port 9090. */
  public static final ForwardTarget PROMETHEUS_UI =
      new ForwardTarget("monitoring", "prometheus-k8s", 9090);

  /** kube-prometheus's Grafana: {@code monitoring/grafana} port 3000. */
  public static final ForwardTarget GRAFANA = new ForwardTarget("monitoring", "grafana", 3000);

  /** The port Milvus serves gRPC (and its REST API) on. */
  public static final int MILVUS_GRPC_PORT = 19530;

  public ForwardTarget {
    if (namespace == null
        || namespace.isBlank()
        || service == null
        || service.isBlank()
        || port < 1
        || port > 65535) {
      throw new IllegalArgumentException(
          "A forward target needs a namespace, a Service name and a port in"
              + " 1..65535, got "
              + namespace
              + "/"
              + service
              + ":"
              + port
              + ". Example: ForwardTarget.of(\"monitoring\", \"prometheus-k8s\", 9090).");
    }
  }

  /** Port {@code port} of Service {@code service} in {@code namespace}. */
  public static ForwardTarget of(String namespace, String service, int port) {
    return new ForwardTarget(namespace, service, port);
  }

  /**
   * Milvus's gRPC port of the release's Service, e.g. {@code milvus("milvus",
   * "my-release-milvus")}.
   */
  public static ForwardTarget milvus(String namespace, String service) {
    return new ForwardTarget(namespace, service, MILVUS_GRPC_PORT);
  }

  @Override
  public String toString() {
    return namespace + "/svc/" + service + ":" + port;
  }
}
