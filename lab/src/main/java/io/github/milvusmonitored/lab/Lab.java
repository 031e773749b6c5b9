package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.testing.MilvusTestExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane lab: a real Kubernetes control plane (etcd, kube-apiserver with RBAC,
 * controller-manager, scheduler), kwok's fake node, and the real prometheus-operator, Prometheus
 * 3.12 and Milvus 2.3.5 (for standalone Milvus pods) standing for their pods, all in network
 * namespaces of the lab's own. Everything but the container runtime is real.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start()) {
 *   ClusterChoice cluster = ClusterChoice.existing(lab.kubeconfig());
 *   ...
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

  private final LabPrograms programs;
  private final LabNetwork network;
  private final Path work;
  private final ControlPlane controlPlane;

  /** What serves the pods kwok runs; null on a real node. */
  private final PodServer pods;

  /** The real node; null when kwok fakes it. */
  private final RealNode node;

  private Path labHome;

  private Lab(
      LabPrograms programs,
      LabNetwork network,
      Path work,
      ControlPlane controlPlane,
      PodServer pods,
      RealNode node) {
    this.node = node;
    this.programs = programs;
    this.network = network;
    this.work = work;
    this.controlPlane = controlPlane;
    this.pods = pods;
  }

  /**
   * Starts the lab for the lab folder named by system property {@code lab.home} (the Maven build
   * sets it). If a step fails, everything started so far is stopped and the network namespace
   * removed.
   */
  public static Lab start() {
    String home = System.getProperty("lab.home");
    if (home == null || home.isBlank()) {
      throw new LabException(
          "System property lab.home is not set; run the lab tests with: "
              + "lab/build.sh && ./mvnw -B verify -Plab");
    }
    return start(Path.of(home));
  }

  /** Starts the lab for the lab folder {@code labHome}; see {@link #start()}. */
  public static Lab start(Path labHome) {
    long t0 = System.nanoTime();
    LabPrograms programs = LabPrograms.locate(labHome);
    Path work = workDirectory(labHome);
    LabNetwork network = LabNetwork.create();
    ControlPlane controlPlane = null;
    PodServer pods = null;
    RealNode node = null;
    boolean real = "real".equals(System.getProperty("lab.node", "kwok"));
    try {
      controlPlane = new ControlPlane(programs, network, work, !real);
      controlPlane.start();
      if (real) {
        node =
            RealNode.start(
                programs,
                network,
                controlPlane.pki(),
                controlPlane.kubeconfig(),
                controlPlane.client(),
                new NodeFiles(work.resolve("node"), network.name(), ControlPlane.NODE),
                work.resolve("logs"),
                LabPrograms.printedFolder(labHome.resolve("build-images.sh")),
                System.getProperty("lab.kubelet.config", ""));
      } else {
        pods = new PodServer(controlPlane.client(), programs, network, controlPlane.pki(), work);
        pods.start();
      }
      Lab lab = new Lab(programs, network, work, controlPlane, pods, node);
      lab.labHome = labHome;
      LOG.info(
          "lab: up in {} ms; kubeconfig {}; programs {}",
          (System.nanoTime() - t0) / 1_000_000,
          lab.kubeconfig(),
          programs.versions());
      return lab;
    } catch (RuntimeException e) {
      if (node != null) {
        node.close();
      }
      if (pods != null) {
        pods.close();
      }
      if (controlPlane != null) {
        controlPlane.close();
      }
      network.close();
      throw e;
    }
  }

  /** The administrator's kubeconfig (group system:masters) for the lab's API server. */
  public Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  /** The lab's certificate authority and certificates. */
  LabPki pki() {
    return controlPlane.pki();
  }

  /** An administrator client of the lab's API server. */
  public KubernetesClient client() {
    return controlPlane.client();
  }

  public LabNetwork network() {
    return network;
  }

  public LabPrograms programs() {
    return programs;
  }

  /** The folder with the lab's logs, certificates and data. */
  public Path work() {
    return work;
  }

  /**
   * The real API server process (to restart it in a fault test); {@link #awaitApiServer()} after a
   * start.
   */
  public LabProcess apiServer() {
    return controlPlane.apiServer();
  }

  /** A control-plane program by name ({@code etcd}, {@code kube-apiserver}, {@code kwok}, ...). */
  public LabProcess controlPlaneProcess(String name) {
    return controlPlane.processes().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new LabException("The lab runs no control-plane program " + name));
  }

  /**
   * Stops kwok (the kubelet end of every port-forward and log stream goes away) and starts it
   * again. The stopped kwok's node Lease is deleted in between: kwok v0.8.0 does not take over a
   * Lease another holder renewed, so a new kwok would manage no pod until it expired (40 s).
   */
  public void restartKwok() {
    LabProcess kwok = controlPlaneProcess("kwok");
    kwok.stop();
    client().leases().inNamespace("kube-node-lease").withName(ControlPlane.NODE).delete();
    kwok.start();
  }

  public void awaitApiServer() {
    controlPlane.awaitApiServer();
  }

  /**
   * The Prometheus process of pod {@code monitoring/prometheus-k8s-0}, waiting up to {@code
   * timeout} for it.
   */
  public LabProcess prometheus(Duration timeout) {
    return prometheusPod(timeout).prometheus();
  }

  /**
   * Waits until the Prometheus of pod {@code monitoring/prometheus-k8s-0} answers /-/ready (after a
   * restart).
   */
  public void awaitPrometheusReady() {
    prometheusPod(Duration.ofSeconds(30)).awaitReady();
  }

  /**
   * The Milvus test exporters serving the Milvus pods of {@code namespace}, by component (e.g.
   * standalone).
   */
  public Map<String, MilvusTestExporter> milvusExporters(String namespace) {
    return pods.served().entrySet().stream()
        .filter(e -> e.getKey().startsWith(namespace + "/"))
        .flatMap(e -> e.getValue().runner().stream())
        .filter(MilvusPod.class::isInstance)
        .map(MilvusPod.class::cast)
        .collect(Collectors.toMap(MilvusPod::component, MilvusPod::exporter, (a, b) -> a));
  }

  /**
   * The real Milvus servers running the standalone Milvus pods of {@code namespace}, by component
   * (standalone), waiting up to {@code timeout} for at least one.
   */
  Map<String, RealMilvusPod> milvusServers(String namespace, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, RealMilvusPod> servers =
          pods.served().entrySet().stream()
              .filter(e -> e.getKey().startsWith(namespace + "/"))
              .flatMap(e -> e.getValue().runner().stream())
              .filter(RealMilvusPod.class::isInstance)
              .map(RealMilvusPod.class::cast)
              .collect(Collectors.toMap(RealMilvusPod::component, s -> s, (a, b) -> a));
      if (!servers.isEmpty() || System.nanoTime() > deadline) {
        return servers;
      }
      LabProcess.sleep(Duration.ofMillis(200));
    }
  }

  /**
   * The real Milvus server of the standalone pod of {@code namespace}; fails naming the pods served
   * if none.
   */
  RealMilvusPod milvusServer(String namespace) {
    RealMilvusPod server = milvusServers(namespace, Duration.ofSeconds(30)).get("standalone");
    if (server == null) {
      throw new LabException(
          "The lab runs no real Milvus for a standalone pod in namespace "
              + namespace
              + "; pods served: "
              + servedPods());
    }
    return server;
  }

  /**
   * The pods the lab serves now, by namespace/name (none on a real node, whose kubelet runs them).
   */
  public List<String> servedPods() {
    return pods == null ? List.of() : List.copyOf(pods.served().keySet());
  }

  /**
   * The real node's containerd socket (for {@code ctr --address}); fails when kwok fakes the node.
   */
  public Path nodeContainerdSocket() {
    return realNode().socket();
  }

  /**
   * The folder of the real node's image archives ({@code images.list}: reference and archive per
   * line).
   */
  public Path nodeImages() {
    return LabPrograms.printedFolder(labHome.resolve("build-images.sh"));
  }

  /**
   * The real node, when the lab was started with one ({@code -Dlab.node=real}); fails otherwise.
   */
  RealNode realNode() {
    if (node == null) {
      throw new LabException(
          "This lab runs kwok's fake node; start it with -Dlab.node=real for a real one");
    }
    return node;
  }

  private PrometheusPod prometheusPod(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var served = pods.served().get("monitoring/prometheus-k8s-0");
      if (served != null && served.runner().isPresent()) {
        return (PrometheusPod) served.runner().get();
      }
      LabProcess.sleep(Duration.ofMillis(200));
    }
    throw new LabException(
        "The lab serves no Prometheus pod monitoring/prometheus-k8s-0 after "
            + timeout.toSeconds()
            + " s; pods served: "
            + servedPods());
  }

  private static Path workDirectory(Path labHome) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir =
        labHome.resolve("target").resolve("lab-" + stamp + "-" + ProcessHandle.current().pid());
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the lab's folder " + dir, e);
    }
  }

  /**
   * Stops every lab process and removes the network namespace; the work folder (logs) stays for
   * reading.
   */
  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
    if (pods != null) {
      pods.close();
    }
    controlPlane.close();
    network.close();
    LOG.info("lab: stopped; logs in {}", work);
  }
}
