package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.internal.KubeRetry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects prometheus-operator writes for the kubelets: kube-prometheus v0.18.0 starts it with
 * {@code --kubelet-service=kube-system/kubelet}, and it keeps a Service, an Endpoints and
 * EndpointSlices of that name in {@code kube-system}, labelled {@code
 * app.kubernetes.io/managed-by=prometheus-operator}. They come from the run when the run installed
 * the operator and they were not there before it, so they go with the stack.
 */
public final class KubeletObjects {

  private static final Logger LOG = LoggerFactory.getLogger(KubeletObjects.class);
  static final String NAMESPACE = "kube-system";
  static final String NAME = "kubelet";
  private static final Map<String, String> WRITTEN_BY_OPERATOR =
      Map.of("k8s-app", NAME, "app.kubernetes.io/managed-by", "prometheus-operator");

  private KubeletObjects() {}

  /** Whether the kubelet Service exists now. */
  public static boolean present(KubernetesClient client, KubeRetry.Deadline deadline) {
    return KubeRetry.call(
            "get Service " + NAMESPACE + "/" + NAME,
            deadline,
            () -> client.services().inNamespace(NAMESPACE).withName(NAME).get())
        != null;
  }

  /**
   * Deletes the kubelet Service, Endpoints and EndpointSlices the operator wrote; returns how many
   * it deleted.
   */
  public static int delete(KubernetesClient client, KubeRetry.Deadline deadline) {
    int deleted = 0;
    deleted +=
        KubeRetry.call(
                "delete Service " + NAMESPACE + "/" + NAME,
                deadline,
                () ->
                    client
                        .services()
                        .inNamespace(NAMESPACE)
                        .withLabels(WRITTEN_BY_OPERATOR)
                        .withField("metadata.name", NAME)
                        .delete())
            .size();
    deleted +=
        KubeRetry.call(
                "delete Endpoints " + NAMESPACE + "/" + NAME,
                deadline,
                () ->
                    client
                        .endpoints()
                        .inNamespace(NAMESPACE)
                        .withLabels(WRITTEN_BY_OPERATOR)
                        .withField("metadata.name", NAME)
                        .delete())
            .size();
    deleted +=
        KubeRetry.call(
                "delete EndpointSlices of " + NAMESPACE + "/" + NAME,
                deadline,
                () ->
                    client
                        .discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(NAMESPACE)
                        .withLabels(WRITTEN_BY_OPERATOR)
                        .withLabel("kubernetes.io/service-name", NAME)
                        .delete())
            .size();
    if (deleted > 0) {
      LOG.info(
          "kube-prometheus: removed the {} kubelet object(s) the operator of this run wrote in {}",
          deleted,
          NAMESPACE);
    }
    return deleted;
  }
}
