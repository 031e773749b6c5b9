package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.milvusmonitored.testing.MilvusTestExporter;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A Milvus pod of the chart (standalone or a cluster component), served by the project's Milvus test exporter on
 * the pod's address, port 9091, from the test JVM: what Prometheus scrapes is the Milvus 2.6.15 metric catalogue.
 */
final class MilvusPod implements PodRunner {

  private final String component;
  private final MilvusTestExporter exporter;

  private MilvusPod(String component, MilvusTestExporter exporter) {
    this.component = component;
    this.exporter = exporter;
  }

  static boolean serves(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && "milvus".equals(labels.get("app.kubernetes.io/name")) && labels.containsKey("component")
        && !"etcd".equals(labels.get("component")) && !"minio".equals(labels.get("component"));
  }

  static MilvusPod start(Pod pod) {
    String component = pod.getMetadata().getLabels().get("component");
    MilvusTestExporter exporter = MilvusTestExporter.builder()
        .withAddress(new InetSocketAddress(pod.getStatus().getPodIP(), 9091)).start();
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
