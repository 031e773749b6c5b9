package io.github.milvusmonitored.access.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.access.ForwardTarget;
import java.io.IOException;

/**
 * Opens a port-forward to a Ready pod of the target Service: one fabric8 pod stream per local
 * connection.
 */
public final class Fabric8ForwardOpener implements ForwardOpener {

  private final KubernetesClient client;
  private final ForwardTarget target;
  private final ReadyPodResolver resolver;

  public Fabric8ForwardOpener(KubernetesClient client, ForwardTarget target) {
    this.client = client;
    this.target = target;
    this.resolver = new ReadyPodResolver(client);
  }

  @Override
  public OpenForward open(int localPort, String preferredPod) throws IOException {
    ReadyPodResolver.Resolved resolved = resolver.resolve(target, preferredPod);
    var pod = client.pods().inNamespace(target.namespace()).withName(resolved.pod());
    ForwardListener forward;
    try {
      // Each connection gets its own stream, so that each is judged by its own outcome.
      forward =
          ForwardListener.listen(
              localPort, socket -> pod.portForward(resolved.podPort(), socket, socket));
    } catch (IOException e) {
      throw new IOException(
          "Could not listen on local port " + localPort + ": " + e.getMessage(), e);
    }
    return new Fabric8Forward(forward, resolved.pod());
  }

  @Override
  public String describe() {
    return target.toString();
  }

  private final class Fabric8Forward implements OpenForward {
    private final ForwardListener forward;
    private final String pod;

    Fabric8Forward(ForwardListener forward, String pod) {
      this.forward = forward;
      this.pod = pod;
    }

    @Override
    public int localPort() {
      return forward.localPort();
    }

    @Override
    public String pod() {
      return pod;
    }

    @Override
    public String problem() {
      String own = forward.problem();
      if (own != null) {
        return own;
      }
      try {
        Pod current = client.pods().inNamespace(target.namespace()).withName(pod).get();
        if (current == null) {
          return "pod " + pod + " is gone";
        }
        if (!ReadyPodResolver.isReady(current)) {
          return "pod " + pod + " is no longer Ready";
        }
      } catch (RuntimeException e) {
        // The API server being briefly unreachable says nothing about the forward itself.
        return null;
      }
      return null;
    }

    @Override
    public void close() {
      forward.close();
    }
  }
}
