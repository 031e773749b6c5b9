package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a kubelet gives a pod's process to talk to the API server as its ServiceAccount: a token
 * bound to the pod (TokenRequest), the cluster CA and the namespace in a folder, mounted at {@code
 * /var/run/secrets/kubernetes.io/serviceaccount} in a mount namespace of the process's own, and
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, so that client-go's in-cluster configuration
 * applies.
 */
final class PodIdentity {

  private final Path dir;

  private PodIdentity(Path dir) {
    this.dir = dir;
  }

  static PodIdentity issue(KubernetesClient client, Pod pod, LabPki pki, Path dir) {
    String namespace = pod.getMetadata().getNamespace();
    String account =
        pod.getSpec().getServiceAccountName() == null
            ? "default"
            : pod.getSpec().getServiceAccountName();
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(86_400L)
            .withNewBoundObjectRef()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endBoundObjectRef()
            .endSpec()
            .build();
    String token =
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(account)
            .tokenRequest(request)
            .getStatus()
            .getToken();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("token"), token);
      Files.writeString(dir.resolve("ca.crt"), pki.pem("ca.crt"));
      Files.writeString(dir.resolve("namespace"), namespace);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the service account files of pod "
              + namespace
              + "/"
              + pod.getMetadata().getName()
              + " into "
              + dir,
          e);
    }
    return new PodIdentity(dir);
  }

  /** {@code command} wrapped so that it sees this identity at the in-cluster path. */
  List<String> wrap(List<String> command) {
    String script =
        "mount -t tmpfs lab-run /run && mkdir -p /run/secrets/kubernetes.io"
            + " && ln -s \"$1\" /run/secrets/kubernetes.io/serviceaccount && shift && exec \"$@\"";
    return LabProcess.concat(List.of("sh", "-c", script, "sh", dir.toString()), command);
  }

  static Map<String, String> environment() {
    return Map.of(
        "KUBERNETES_SERVICE_HOST", LabNetwork.LAB_ADDRESS, "KUBERNETES_SERVICE_PORT", "6443");
  }
}
