package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The real node's configuration files, all under the node's folder: containerd's (its own root,
 * state and socket, the lab's runc, the CNI bridge, {@code restrict_oom_score_adj}), the CNI bridge
 * in the lab's pod range, the kubelet's (cgroup v1 with cgroupfs, a cgroup root of the lab's own,
 * the lab's certificates) and kube-proxy's.
 */
record NodeFiles(Path dir, String cgroupRoot) {

  /** The pod range of the node's bridge; its first address is the bridge, the pods' gateway. */
  static final String POD_SUBNET = "198.19.0.0/24";

  static final String POD_GATEWAY = "198.19.0.1";

  /** The cluster DNS Service's address (CoreDNS). */
  static final String DNS_ADDRESS = "198.19.128.10";

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
            .formatted(POD_SUBNET, ControlPlane.NODE, LabNetwork.LAB_ADDRESS, kubeconfig));
  }

  /** (Re)writes the kubelet's configuration, {@code extra} (YAML lines) appended. */
  void writeKubeletConfig(LabPki pki, String extra) {
    write(
        kubeletConfig(),
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        failCgroupV1: false
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
