package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd, kube-apiserver (RBAC on), kube-controller-manager, kube-scheduler and kwok with one fake
 * node ({@code lab-node}), a default StorageClass with volumes for claims to bind, and kwok's
 * PortForward CRD.
 */
final class ControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  static final String NODE = "lab-node";
  private static final Duration START = Duration.ofSeconds(90);

  private final LabPrograms programs;
  private final LabNetwork network;
  private final Path work;
  private final LabPki pki;
  private final Path kubeconfig;

  /** Whether kwok fakes the node; otherwise a {@link RealNode} registers it. */
  private final boolean fakeNode;

  private final List<LabProcess> processes = new ArrayList<>();
  private LabProcess apiServer;
  private KubernetesClient client;
  private final java.util.concurrent.ScheduledExecutorService recycler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "lab-volume-recycler");
            t.setDaemon(true);
            return t;
          });

  ControlPlane(LabPrograms programs, LabNetwork network, Path work, boolean fakeNode) {
    this.fakeNode = fakeNode;
    this.programs = programs;
    this.network = network;
    this.work = work;
    this.pki =
        LabPki.create(
            work.resolve("pki"), List.of(LabNetwork.LAB_ADDRESS, LabNetwork.KUBERNETES_SERVICE));
    this.kubeconfig = LabKubeconfig.writeAdmin(work.resolve("admin.kubeconfig"), pki);
  }

  void start() {
    long t0 = System.nanoTime();
    start(
        "etcd",
        List.of(
            "--name=lab",
            "--data-dir=" + work.resolve("etcd"),
            "--listen-client-urls=http://127.0.0.1:2379",
            "--advertise-client-urls=http://127.0.0.1:2379",
            "--listen-peer-urls=http://127.0.0.1:2380",
            "--initial-advertise-peer-urls=http://127.0.0.1:2380",
            "--initial-cluster=lab=http://127.0.0.1:2380",
            "--unsafe-no-fsync",
            "--log-level=warn"));
    apiServer =
        start(
            "kube-apiserver",
            List.of(
                "--etcd-servers=http://127.0.0.1:2379",
                "--bind-address=0.0.0.0",
                "--secure-port=6443",
                "--advertise-address=" + LabNetwork.LAB_ADDRESS,
                "--service-cluster-ip-range=" + LabNetwork.SERVICE_CIDR,
                "--authorization-mode=RBAC",
                "--client-ca-file=" + pki.file("ca.crt"),
                "--tls-cert-file=" + pki.file("apiserver.crt"),
                "--tls-private-key-file=" + pki.file("apiserver.key"),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pki.file("sa.pub"),
                "--service-account-signing-key-file=" + pki.file("sa.key"),
                "--kubelet-client-certificate=" + pki.file("apiserver-kubelet-client.crt"),
                "--kubelet-client-key=" + pki.file("apiserver-kubelet-client.key"),
                "--kubelet-preferred-address-types=InternalIP",
                "--allow-privileged=true",
                "--profiling=false",
                "--v=1"));
    awaitApiServer();
    start(
        "kube-controller-manager",
        List.of(
            "--kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            "--use-service-account-credentials=true",
            "--service-account-private-key-file=" + pki.file("sa.key"),
            "--root-ca-file=" + pki.file("ca.crt"),
            "--cluster-signing-cert-file=" + pki.file("ca.crt"),
            "--cluster-signing-key-file=" + pki.file("ca.key"),
            "--controllers=*,-node-ipam-controller",
            "--v=1"));
    start(
        "kube-scheduler",
        List.of(
            "--kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            "--v=1"));
    if (fakeNode) {
      createNodeAndStorage();
      Path kwokConfig = copyResource("kwok.yaml", work.resolve("kwok.yaml"));
      start(
          "kwok",
          List.of(
              "--kubeconfig=" + kubeconfig,
              "--config=" + kwokConfig,
              "--manage-single-node=" + NODE,
              "--cidr=" + LabNetwork.POD_CIDR,
              "--node-ip=" + LabNetwork.LAB_ADDRESS,
              "--node-name=" + NODE,
              "--node-port=10250",
              "--server-address=0.0.0.0:10250",
              "--tls-cert-file=" + pki.file("kubelet.crt"),
              "--tls-private-key-file=" + pki.file("kubelet.key"),
              "--enable-crds=PortForward,Logs"));
      awaitNodeReady();
    } else {
      createStorage(work.resolve("volumes"));
    }
    awaitControllersSettled();
    recycler.scheduleWithFixedDelay(
        this::recycleReleasedVolumes, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
    LOG.info(
        "lab: control plane ready in {} ms (Kubernetes {}, etcd {}, kwok {})",
        (System.nanoTime() - t0) / 1_000_000,
        programs.versions().get("kube-apiserver"),
        programs.versions().get("etcd"),
        programs.versions().get("kwok"));
  }

  KubernetesClient client() {
    return client;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  LabPki pki() {
    return pki;
  }

  LabProcess apiServer() {
    return apiServer;
  }

  List<LabProcess> processes() {
    return List.copyOf(processes);
  }

  /** Waits until the API server answers /readyz again (after a restart). */
  void awaitApiServer() {
    if (client == null) {
      try {
        client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    apiServer.awaitReady("/readyz answering ok", START, () -> "ok".equals(client.raw("/readyz")));
  }

  private LabProcess start(String name, List<String> args) {
    List<String> command = LabProcess.concat(List.of(programs.path(name).toString()), args);
    LabProcess process =
        LabProcess.start(name, network.command(command), Map.of(), work.resolve("logs"));
    processes.add(process);
    return process;
  }

  private void createNodeAndStorage() {
    applyCrd("kwok.x-k8s.io_portforwards.yaml");
    applyCrd("kwok.x-k8s.io_logs.yaml");
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("kubernetes.io/hostname", NODE)
                .addToLabels("type", "kwok")
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .endMetadata()
                .build())
        .create();
    createStorage(Path.of("/lab-volumes"));
  }

  /** The default StorageClass and 16 hostPath volumes under {@code base} for claims to bind. */
  private void createStorage(Path base) {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("lab-local")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner("kubernetes.io/no-provisioner")
                .withVolumeBindingMode("Immediate")
                .withReclaimPolicy("Retain")
                .build())
        .create();
    for (int i = 0; i < 16; i++) {
      client
          .persistentVolumes()
          .resource(
              new PersistentVolumeBuilder()
                  .withNewMetadata()
                  .withName("lab-volume-" + i)
                  .endMetadata()
                  .withNewSpec()
                  .withStorageClassName("lab-local")
                  .withCapacity(Map.of("storage", new Quantity("2Ti")))
                  .withAccessModes("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany")
                  .withNewHostPath()
                  .withPath(base.resolve(Integer.toString(i)).toString())
                  .endHostPath()
                  .endSpec()
                  .build())
          .create();
    }
  }

  /**
   * A volume whose claim was deleted is Released and never bound again (reclaim policy Retain, no
   * provisioner); the lab makes it Available again, as an administrator would, so that every test's
   * claims bind.
   */
  private void recycleReleasedVolumes() {
    try {
      for (var volume : client.persistentVolumes().list().getItems()) {
        if (volume.getStatus() != null && "Released".equals(volume.getStatus().getPhase())) {
          client
              .persistentVolumes()
              .withName(volume.getMetadata().getName())
              .edit(
                  v -> {
                    v.getSpec().setClaimRef(null);
                    return v;
                  });
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("lab: cannot recycle volumes now: {}", e.toString());
    }
  }

  private void applyCrd(String file) {
    Path crd = programs.share().resolve(file);
    try (InputStream in = Files.newInputStream(crd)) {
      for (HasMetadata item : client.load(in).items()) {
        client.resource(item).create();
      }
    } catch (IOException e) {
      throw new LabException(
          "Cannot read kwok's CRD " + crd + "; rebuild the lab's programs with lab/build.sh", e);
    }
  }

  private void awaitNodeReady() {
    processes
        .get(processes.size() - 1)
        .awaitReady(
            "node " + NODE + " Ready",
            START,
            () -> {
              var node = client.nodes().withName(NODE).get();
              return node != null
                  && node.getStatus() != null
                  && node.getStatus().getConditions() != null
                  && node.getStatus().getConditions().stream()
                      .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  /**
   * Waits until the controller-manager has made what it makes in a new cluster (the default
   * ServiceAccounts and root CA ConfigMaps, one ServiceAccount per controller), so that a test's
   * "before" snapshot is the settled cluster: nothing it lists later comes from the control plane
   * still starting.
   */
  private void awaitControllersSettled() {
    List<String> namespaces = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    int[] last = {-1};
    long[] stableSince = {System.nanoTime()};
    processes
        .get(2)
        .awaitReady(
            "the controllers' start-up objects made",
            START,
            () -> {
              for (String ns : namespaces) {
                if (client.serviceAccounts().inNamespace(ns).withName("default").get() == null
                    || client.configMaps().inNamespace(ns).withName("kube-root-ca.crt").get()
                        == null) {
                  return false;
                }
              }
              int count =
                  client.serviceAccounts().inNamespace("kube-system").list().getItems().size();
              if (count != last[0]) {
                last[0] = count;
                stableSince[0] = System.nanoTime();
                return false;
              }
              return System.nanoTime() - stableSince[0] > Duration.ofSeconds(3).toNanos();
            });
  }

  private static Path copyResource(String name, Path target) {
    try (InputStream in = ControlPlane.class.getResourceAsStream(name)) {
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    recycler.shutdownNow();
    if (client != null) {
      client.close();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
  }
}
