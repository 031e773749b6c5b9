package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.milvusmonitored.testing.MilvusTestExporter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Milvus pod of the chart (standalone or a cluster component), served by the project's Milvus
 * test exporter on the pod's address, port 9091, from the test JVM: what Prometheus scrapes is the
 * Milvus 2.6.15 metric catalogue, as the process named by the pod's {@code component} label exposes
 * it (standalone, or mixcoord, proxy, querynode, datanode, streamingnode of cluster mode). Each pod
 * gets a node ID of its own, as every Milvus process registers a session of its own.
 */
final class MilvusPod implements PodRunner {

  private static final AtomicLong NODE_IDS = new AtomicLong();

  private final String component;
  private final MilvusTestExporter exporter;

  private MilvusPod(String component, MilvusTestExporter exporter) {
    this.component = component;
    this.exporter = exporter;
  }

  static boolean serves(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null
        && "milvus".equals(labels.get("app.kubernetes.io/name"))
        && labels.containsKey("component")
        && !"etcd".equals(labels.get("component"))
        && !"minio".equals(labels.get("component"));
  }

  static MilvusPod start(Pod pod) {
    String component = pod.getMetadata().getLabels().get("component");
    MilvusTestExporter exporter =
        MilvusTestExporter.builder()
            .withComponent(component)
            .withNodeId(NODE_IDS.incrementAndGet())
            .withAddress(new InetSocketAddress(pod.getStatus().getPodIP(), 9091))
            .start();
    return new MilvusPod(component, exporter);
  }

  String component() {
    return component;
  }

  MilvusTestExporter exporter() {
    return exporter;
  }

  @Override
  public boolean inLab() {
    return false;
  }

  @Override
  public void close() {
    exporter.close();
  }
}
