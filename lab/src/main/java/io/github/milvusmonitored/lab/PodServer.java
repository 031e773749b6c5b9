package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's stand-in for a kubelet's container runtime: for every pod kwok made Running it gives
 * the pod's address to the process that stands for it, starts that process (prometheus-operator,
 * Prometheus with its config-reloader, a real Milvus server for a standalone Milvus pod, a Milvus
 * test exporter for the components of cluster mode), registers kwok port-forwards to the pod's
 * ports, and stops it all when the pod goes. Pods of other workloads (etcd, MinIO, Grafana, ...)
 * get their address and port-forwards only.
 */
final class PodServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodServer.class);
  private static final ResourceDefinitionContext PORT_FORWARD =
      new ResourceDefinitionContext.Builder()
          .withGroup("kwok.x-k8s.io")
          .withVersion("v1alpha1")
          .withKind("PortForward")
          .withPlural("portforwards")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final LabPrograms programs;
  private final LabNetwork network;
  private final LabPki pki;
  private final Path work;
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "lab-pod-server");
            t.setDaemon(true);
            return t;
          });
  private SharedIndexInformer<Pod> informer;

  /** A pod being served: its address and what stands for it (empty for pods with no process). */
  record Served(Pod pod, String address, Optional<PodRunner> runner) {}

  PodServer(
      KubernetesClient client, LabPrograms programs, LabNetwork network, LabPki pki, Path work) {
    this.client = client;
    this.programs = programs;
    this.network = network;
    this.pki = pki;
    this.work = work;
  }

  void start() {
    informer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    worker.submit(() -> reconcile(pod));
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    worker.submit(() -> reconcile(pod));
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    worker.submit(() -> release(key(pod)));
                  }
                },
                30_000L);
  }

  /** What serves pods now, by {@code namespace/name}. */
  Map<String, Served> served() {
    Map<String, Served> copy = new LinkedHashMap<>();
    served.forEach((k, v) -> copy.put(k.substring(0, k.lastIndexOf('/')), v));
    return copy;
  }

  private void reconcile(Pod pod) {
    String key = key(pod);
    String address = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      release(key);
      return;
    }
    // A pod deleted and made again under the same name while a watch was broken (an API server
    // restart) comes
    // as an update: what served the old one goes first.
    String sameName = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/";
    for (String other : List.copyOf(served.keySet())) {
      if (other.startsWith(sameName) && !other.equals(key)) {
        release(other);
      }
    }
    if (address == null || served.containsKey(key)) {
      return;
    }
    String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    try {
      // A real Milvus gets a network namespace of its own (it binds wildcard addresses and fixed
      // ports); a test
      // exporter's address sits on the host, where the test JVM serves it; every other pod's on the
      // lab's loopback.
      if (RealMilvusPod.serves(pod)) {
        LOG.debug("lab: pod {} gets a network namespace of its own", key);
      } else if (MilvusPod.serves(pod)) {
        network.addHostPodAddress(address);
      } else {
        network.addLabPodAddress(address);
      }
      // One folder per pod (by uid), as a kubelet gives each pod fresh emptyDir volumes.
      Path dir =
          work.resolve("pods")
              .resolve(
                  pod.getMetadata().getNamespace()
                      + "_"
                      + pod.getMetadata().getName()
                      + "_"
                      + pod.getMetadata().getUid().substring(0, 8));
      Optional<PodRunner> runner = Optional.ofNullable(runnerFor(pod, dir));
      served.put(key, new Served(pod, address, runner));
      registerPortForwards(pod, address);
      LOG.info(
          "lab: pod {} on {} served by {}",
          ref,
          address,
          runner.map(r -> r.getClass().getSimpleName()).orElse("(address and port-forwards only)"));
    } catch (RuntimeException | IOException e) {
      // The pod is not served: its address goes again, or a later pod given the same address would
      // find it taken
      // inside the lab (a Milvus pod on the host end of the veth then answers "connection refused"
      // to Prometheus).
      network.removePodAddress(address);
      LOG.error("lab: cannot serve pod {} on {}: {}", ref, address, e.getMessage(), e);
    }
  }

  private PodRunner runnerFor(Pod pod, Path dir) throws IOException {
    if (OperatorPod.serves(pod)) {
      return OperatorPod.start(client, pod, programs, network, pki, dir);
    }
    if (PrometheusPod.serves(pod)) {
      return PrometheusPod.start(client, pod, programs, network, pki, dir);
    }
    if (RealMilvusPod.serves(pod)) {
      return RealMilvusPod.start(client, pod, programs.milvus(), network, dir);
    }
    if (MilvusPod.serves(pod)) {
      return MilvusPod.start(pod);
    }
    return null;
  }

  /**
   * Labels every PortForward the lab registers, with the uid of the pod it forwards to: the lab's
   * own bookkeeping, which the tests' cluster snapshots leave out (it mirrors the pods they
   * compare, written and removed after them).
   */
  static final String PORT_FORWARD_OF_POD = "lab.milvus-monitored/port-forward-of-pod";

  private void registerPortForwards(Pod pod, String address) {
    List<Map<String, Object>> forwards = new ArrayList<>();
    pod.getSpec()
        .getContainers()
        .forEach(
            c -> {
              for (ContainerPort port :
                  c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                forwards.add(
                    Map.of(
                        "ports",
                        List.of(port.getContainerPort()),
                        "target",
                        Map.of("address", address, "port", port.getContainerPort())));
              }
            });
    if (forwards.isEmpty()) {
      return;
    }
    GenericKubernetesResource rule =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("kwok.x-k8s.io/v1alpha1")
            .withKind("PortForward")
            .withNewMetadata()
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .addToLabels(PORT_FORWARD_OF_POD, pod.getMetadata().getUid())
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("forwards", forwards))
            .build();
    client
        .genericKubernetesResources(PORT_FORWARD)
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(rule)
        .createOr(existing -> existing.update());
  }

  private void release(String key) {
    Served gone = served.remove(key);
    if (gone == null) {
      return;
    }
    gone.runner().ifPresent(PodRunner::close);
    network.removePodAddress(gone.address());
    try {
      client
          .genericKubernetesResources(PORT_FORWARD)
          .inNamespace(gone.pod().getMetadata().getNamespace())
          .withName(gone.pod().getMetadata().getName())
          .delete();
    } catch (RuntimeException e) {
      LOG.debug("lab: port-forward rule of {} already gone: {}", key, e.toString());
    }
    LOG.info(
        "lab: pod {}/{} gone; stopped what served it",
        gone.pod().getMetadata().getNamespace(),
        gone.pod().getMetadata().getName());
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace()
        + "/"
        + pod.getMetadata().getName()
        + "/"
        + pod.getMetadata().getUid();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    worker.shutdown();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String key : List.copyOf(served.keySet())) {
      Served gone = served.remove(key);
      gone.runner().ifPresent(PodRunner::close);
    }
  }
}
