package io.github.milvusmonitored.access.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.github.milvusmonitored.access.ForwardTarget;
import java.io.IOException;
import java.net.InetAddress;

/** Opens a fabric8 pod port-forward to a Ready pod of the target Service. */
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
    LocalPortForward forward;
    try {
      // Loopback only: a forward into the cluster must not be reachable from the network.
      forward = pod.portForward(resolved.podPort(), InetAddress.getLoopbackAddress(), localPort);
    } catch (RuntimeException e) {
      throw new IOException("fabric8 could not listen on local port " + localPort + ": " + e.getMessage(), e);
    }
    return new Fabric8Forward(forward, resolved.pod());
  }

  @Override
  public String describe() {
    return target.toString();
  }

  private final class Fabric8Forward implements OpenForward {
    private final LocalPortForward forward;
    private final String pod;

    Fabric8Forward(LocalPortForward forward, String pod) {
      this.forward = forward;
      this.pod = pod;
    }

    @Override
    public int localPort() {
      return forward.getLocalPort();
    }

    @Override
    public String pod() {
      return pod;
    }

    @Override
    public String problem() {
      if (!forward.isAlive()) {
        return "the local listener stopped";
      }
      if (forward.errorOccurred()) {
        var errors = new java.util.ArrayList<Throwable>(forward.getClientThrowables());
        errors.addAll(forward.getServerThrowables());
        return "the forward reported errors: " + errors.stream().map(Throwable::toString).distinct().limit(3).toList();
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
      try {
        forward.close();
      } catch (IOException e) {
        // closing a dead forward may fail; nothing is left to release
      }
    }
  }
}
