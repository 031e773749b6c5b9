package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's real node {@code lab-node}: Debian's containerd, runc and CNI bridge, the lab's kubelet
 * and kube-proxy (v1.35.4), all in the lab's network namespace, with the images of {@code
 * lab/build-images.sh} imported into containerd so that nothing is pulled. Pods get addresses on
 * the bridge {@code lab0} in the lab's pod range. Closing kills every container, stops the
 * programs, unmounts what they mounted and removes their cgroups; the logs stay in the node's
 * folder.
 */
final class RealNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);
  static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
  private static final Duration START = Duration.ofSeconds(90);

  private final LabNetwork network;
  private final NodeFiles files;
  private final NodeCgroups cgroups;
  private final List<LabProcess> processes = new ArrayList<>();
  private final Path logs;
  private LabPki pki;

  private RealNode(LabNetwork network, NodeFiles files, Path logs) {
    this.network = network;
    this.files = files;
    this.cgroups = new NodeCgroups(files.cgroupRoot());
    this.logs = logs;
  }

  /**
   * Starts a node whose files are {@code files} (its folder, cgroup root and name) and whose
   * programs log into {@code logs}, and waits until it is Ready with every image imported and
   * CoreDNS Ready; on a failure everything it started is stopped and removed, and the error names
   * the cause.
   */
  static RealNode start(
      LabPrograms programs,
      LabNetwork network,
      LabPki pki,
      Path kubeconfig,
      KubernetesClient client,
      NodeFiles files,
      Path logs,
      Path images,
      String kubeletExtra) {
    long t0 = System.nanoTime();
    NodePreflight.check();
    RealNode node = new RealNode(network, files, logs);
    node.pki = pki;
    try {
      files.write(pki, kubeconfig, kubeletExtra);
      node.cgroups.create();
      LabProcess containerd =
          node.start(
              "containerd", List.of("containerd", "--config", files.containerdConfig().toString()));
      NodeFailures.await(
          containerd,
          "its socket answering",
          Duration.ofSeconds(30),
          () -> node.ctr(List.of("version")).exitCode() == 0);
      node.importImages(images);
      LabProcess kubelet =
          node.start(
              "kubelet",
              List.of(
                  programs.path("kubelet").toString(),
                  "--config=" + files.kubeletConfig(),
                  "--kubeconfig=" + kubeconfig,
                  "--root-dir=" + files.kubeletRoot(),
                  "--hostname-override=" + files.nodeName(),
                  "--node-ip=" + LabNetwork.LAB_ADDRESS,
                  "--v=1"));
      NodeFailures.await(
          kubelet,
          "node " + files.nodeName() + " Ready",
          START,
          () -> {
            var n = client.nodes().withName(files.nodeName()).get();
            return n != null
                && n.getStatus() != null
                && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
          });
      LabProcess proxy =
          node.start(
              "kube-proxy",
              List.of(
                  programs.path("kube-proxy").toString(),
                  "--config=" + files.kubeProxyConfig(),
                  "--v=1"));
      NodeFailures.await(
          proxy,
          "the kubernetes Service in its iptables rules",
          START,
          () ->
              NodeCommand.run(
                      network.command(List.of("iptables", "-t", "nat", "-S", "KUBE-SERVICES")),
                      Duration.ofSeconds(10))
                  .output()
                  .contains("default/kubernetes"));
      ClusterDns.deploy(client, ClusterDns.image(programs), kubelet, START);
      LOG.info(
          "lab: real node {} Ready in {} ms (kubelet {}, containerd {}, runc {})",
          files.nodeName(),
          (System.nanoTime() - t0) / 1_000_000,
          programs.versions().get("kubelet"),
          NodePreflight.version("containerd"),
          NodePreflight.version("runc"));
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** The kubelet, containerd or kube-proxy process. */
  LabProcess process(String name) {
    return processes.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new LabException("The real node runs no program " + name));
  }

  /**
   * Restarts the kubelet with {@code extra} appended to its configuration (e.g. {@code
   * syncFrequency: 5s}); the containers keep running. Waits until the kubelet answers its health
   * check again.
   */
  void restartKubelet(String extra) {
    LabProcess kubelet = process("kubelet");
    kubelet.stop();
    files.writeKubeletConfig(pki, extra);
    kubelet.start();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI healthz =
        java.net.URI.create("http://" + LabNetwork.LAB_ADDRESS + ":10248/healthz");
    NodeFailures.await(
        kubelet,
        "its health check answering",
        START,
        () -> {
          try {
            return http.send(
                    java.net.http.HttpRequest.newBuilder(healthz)
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body()
                .equals("ok");
          } catch (java.io.IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
    LOG.info(
        "lab: kubelet restarted with {}",
        extra.isBlank() ? "its default configuration" : extra.strip());
  }

  /** The node's cgroups (the containers' memory). */
  NodeCgroups cgroups() {
    return cgroups;
  }

  /** Runs {@code ctr} against the node's containerd, namespace k8s.io. */
  NodeCommand.Result ctr(List<String> args) {
    List<String> command =
        new ArrayList<>(List.of("ctr", "--address", files.socket().toString(), "-n", "k8s.io"));
    command.addAll(args);
    return NodeCommand.run(command, Duration.ofMinutes(2));
  }

  /** The node's containerd socket (for {@code ctr --address}). */
  Path socket() {
    return files.socket();
  }

  private void importImages(Path images) {
    Path list = images.resolve("images.list");
    List<String> lines;
    try {
      lines = Files.readAllLines(list).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new LabException(
          "The real node's images are not made: no "
              + list
              + ". Make them with lab/build.sh"
              + " (or only lab/build-images.sh)",
          e);
    }
    long t0 = System.nanoTime();
    int n = 0;
    for (String line : lines) {
      String[] parts = line.split(" ");
      long t = System.nanoTime();
      NodeCommand.Result result =
          ctr(
              List.of(
                  "images",
                  "import",
                  "--platform",
                  "linux/amd64",
                  images.resolve(parts[1]).toString()));
      if (result.exitCode() != 0) {
        throw new LabException(
            "Cannot import image "
                + parts[0]
                + " from "
                + images.resolve(parts[1])
                + " into the real node's containerd: "
                + result.output());
      }
      LOG.info(
          "lab: node image {} imported ({}/{}, {} ms)",
          parts[0],
          ++n,
          lines.size(),
          (System.nanoTime() - t) / 1_000_000);
    }
    LOG.info("lab: {} images imported in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
  }

  private LabProcess start(String name, List<String> command) {
    LabProcess process = LabProcess.start(name, network.nodeCommand(command), Map.of(), logs);
    processes.add(process);
    return process;
  }

  /**
   * Stops the kubelet (so it restarts nothing), kills every container, stops containerd and
   * kube-proxy, ends the shims, unmounts the node's mounts and removes its cgroups and its
   * containerd and kubelet folders.
   */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    processes.stream().filter(p -> p.name().equals("kubelet")).forEach(LabProcess::stop);
    if (processes.stream().anyMatch(p -> p.name().equals("containerd") && p.isAlive())) {
      for (String task :
          ctr(List.of("tasks", "ls", "-q")).output().lines().filter(l -> !l.isBlank()).toList()) {
        ctr(List.of("tasks", "kill", "-a", "-s", "SIGKILL", task));
      }
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    NodeCleanup.killShims(files.socket());
    NodeCleanup.unmountUnder(files.dir());
    cgroups.remove();
    NodeCleanup.delete(files.dir().resolve("containerd/root"));
    NodeCleanup.delete(files.dir().resolve("containerd/state"));
    NodeCleanup.delete(files.kubeletRoot());
    LOG.info("lab: real node stopped and cleaned in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }
}
