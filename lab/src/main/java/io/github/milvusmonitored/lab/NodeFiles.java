package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The real node's configuration files, all under the node's folder: containerd's (its own root,
 * state and socket, the lab's runc, the CNI bridge, {@code restrict_oom_score_adj}), the CNI bridge
 * in the lab's pod range, the kubelet's (cgroup v1 with cgroupfs, a cgroup root of the lab's own,
 * the lab's certificates) and kube-proxy's.
 */
record NodeFiles(Path dir, String cgroupRoot, String nodeName) {

  /** The pod range of the node's bridge; its first address is the bridge, the pods' gateway. */
  static final String POD_SUBNET = LabNetwork.address(1, 0) + "/24";

  static final String POD_GATEWAY = LabNetwork.address(1, 1);

  /** The cluster DNS Service's address (CoreDNS). */
  static final String DNS_ADDRESS = LabNetwork.address(64, 10);

  /** The registries of the images the lab runs (manifests, chart, its own). */
  static final List<String> REGISTRIES =
      List.of("docker.io", "quay.io", "registry.k8s.io", "lab.local");

  /**
   * Where the node's containerd looks for every registry: a port nothing listens on, inside the
   * lab's network namespace.
   */
  static final String CLOSED_REGISTRY = "http://127.0.0.1:1";

  Path socket() {
    return dir.resolve("containerd/containerd.sock");
  }

  Path containerdConfig() {
    return dir.resolve("containerd/config.toml");
  }

  Path kubeletConfig() {
    return dir.resolve("kubelet/config.yaml");
  }

  Path kubeletRoot() {
    return dir.resolve("kubelet/root");
  }

  Path podLogs() {
    return dir.resolve("pod-logs");
  }

  Path kubeProxyConfig() {
    return dir.resolve("kube-proxy/config.yaml");
  }

  /**
   * Writes every file; {@code kubeletExtra} is appended to the kubelet's configuration (lab
   * options).
   */
  void write(LabPki pki, Path kubeconfig, String kubeletExtra) {
    Path containerd = dir.resolve("containerd");
    Path runc = containerd.resolve("runc");
    copyExecutable("runc-wrapper", runc);
    write(
        containerdConfig(),
        """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        [grpc]
          address = "%2$s"
        [ttrpc]
          address = "%2$s.ttrpc"
        [metrics]
          address = ""
        [plugins."io.containerd.internal.v1.opt"]
          path = "%1$s/opt"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          restrict_oom_score_adj = true
          disable_apparmor = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          netns_mounts_under_state_dir = true
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                BinaryName = "%4$s"
                SystemdCgroup = false
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%1$s/net.d"
          [plugins."io.containerd.grpc.v1.cri".registry]
            config_path = "%1$s/registries"
        """
            .formatted(containerd, socket(), RealNode.PAUSE_IMAGE, runc));
    // Every registry an image of the lab names answers at a closed port of the node's loopback: an
    // image the lab did not make fails at once with "connection refused" and nothing is pulled.
    for (String registry : REGISTRIES) {
      write(
          containerd.resolve("registries").resolve(registry).resolve("hosts.toml"),
          // containerd 1.6 refuses a hosts.toml without a [host] table ("invalid `host` tree").
          "server = \"%1$s\"\n[host.\"%1$s\"]\n  capabilities = [\"pull\", \"resolve\"]\n"
              .formatted(CLOSED_REGISTRY));
    }
    write(
        containerd.resolve("net.d/10-lab.conflist"),
        """
        {"cniVersion": "0.4.0", "name": "lab", "plugins": [
          {"type": "bridge", "bridge": "lab0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
           "ipam": {"type": "host-local", "dataDir": "%s", "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                    "routes": [{"dst": "%s"}]}}]}
        """
            .formatted(containerd.resolve("ipam"), POD_SUBNET, POD_GATEWAY, LabNetwork.LAB_RANGE));
    writeKubeletConfig(pki, kubeletExtra);
    write(
        kubeProxyConfig(),
        """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        mode: iptables
        clusterCIDR: %s
        hostnameOverride: %s
        bindAddress: %s
        healthzBindAddress: 127.0.0.1:10256
        metricsBindAddress: 127.0.0.1:10249
        clientConnection: {kubeconfig: %s}
        iptables: {masqueradeAll: true}
        conntrack: {maxPerCore: 0, min: 0}
        """
            .formatted(POD_SUBNET, nodeName, LabNetwork.LAB_ADDRESS, kubeconfig));
  }

  /**
   * (Re)writes the kubelet's configuration, {@code extra} (YAML lines) appended; an {@code extra}
   * that sets {@code failCgroupV1} replaces the lab's {@code failCgroupV1: false}.
   */
  void writeKubeletConfig(LabPki pki, String extra) {
    write(
        kubeletConfig(),
        (extra.contains("failCgroupV1:") ? "" : "failCgroupV1: false\n")
            + """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        cgroupDriver: cgroupfs
        cgroupRoot: /%s
        containerRuntimeEndpoint: unix://%s
        podLogsDir: %s
        address: %s
        port: 10250
        readOnlyPort: 0
        healthzBindAddress: %s
        healthzPort: 10248
        tlsCertFile: %s
        tlsPrivateKeyFile: %s
        authentication:
          anonymous: {enabled: false}
          webhook: {enabled: false}
          x509: {clientCAFile: %s}
        authorization: {mode: AlwaysAllow}
        clusterDNS: [%s]
        clusterDomain: cluster.local
        resolvConf: ""
        failSwapOn: false
        serializeImagePulls: false
        evictionHard: {memory.available: "100Mi", nodefs.available: "1%%", imagefs.available: "1%%", nodefs.inodesFree: "1%%"}
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        """
                .formatted(
                    cgroupRoot,
                    socket(),
                    podLogs(),
                    LabNetwork.LAB_ADDRESS,
                    LabNetwork.LAB_ADDRESS,
                    pki.file("kubelet.crt"),
                    pki.file("kubelet.key"),
                    pki.file("ca.crt"),
                    DNS_ADDRESS)
            + extra);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static void copyExecutable(String resource, Path target) {
    try (InputStream in = NodeFiles.class.getResourceAsStream(resource)) {
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }
}
