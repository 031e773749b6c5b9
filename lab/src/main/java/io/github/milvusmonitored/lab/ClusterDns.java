package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real node's cluster DNS: CoreDNS (the lab's build) as a Deployment in kube-system behind
 * Service kube-dns at the kubelet's {@code clusterDNS} address, so that pods resolve Service names
 * as on any cluster. Its Corefile forwards nothing: a name outside {@code cluster.local} is
 * answered by CoreDNS itself (not found), never by a server outside the lab.
 */
final class ClusterDns {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);

  private ClusterDns() {}

  /**
   * CoreDNS's image as kubeadm v1.35 names it, of the version lab/versions.env pins;
   * lab/build-images.sh makes it.
   */
  static String image(LabPrograms programs) {
    return "registry.k8s.io/coredns/coredns:" + programs.pinned("COREDNS_VERSION");
  }

  /** Creates CoreDNS's objects and waits until its pod is Ready. */
  static void deploy(KubernetesClient client, String image, LabProcess kubelet, Duration timeout) {
    long t0 = System.nanoTime();
    for (HasMetadata item : objects(client, image)) {
      client.resource(item).create();
    }
    NodeFailures.await(
        kubelet,
        "CoreDNS Ready (Deployment kube-system/coredns)",
        timeout,
        () -> {
          Deployment d =
              client.apps().deployments().inNamespace("kube-system").withName("coredns").get();
          return d != null
              && d.getStatus() != null
              && d.getStatus().getReadyReplicas() != null
              && d.getStatus().getReadyReplicas() >= 1;
        });
    LOG.info(
        "lab: CoreDNS Ready at {} in {} ms",
        NodeFiles.DNS_ADDRESS,
        (System.nanoTime() - t0) / 1_000_000);
  }

  static List<HasMetadata> objects(KubernetesClient client, String image) {
    String yaml;
    try (InputStream in = ClusterDns.class.getResourceAsStream("coredns.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the lab's coredns.yaml", e);
    }
    String filled =
        yaml.replace("${IMAGE}", image).replace("${DNS_ADDRESS}", NodeFiles.DNS_ADDRESS);
    return client.load(new ByteArrayInputStream(filled.getBytes(StandardCharsets.UTF_8))).items();
  }
}
