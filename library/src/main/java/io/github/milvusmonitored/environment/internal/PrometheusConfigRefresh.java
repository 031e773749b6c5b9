package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the library waits for the Milvus target, changes an annotation of the Prometheus pods of
 * the stack it installed, every few seconds. A kubelet writes a changed Secret into a pod's volume
 * only when it syncs the pod: at its periodic sync (default one minute) plus its cache, 60–90 s
 * after the operator updated the configuration Secret, measured 74 s on a real kubelet v1.35. A pod
 * update makes it sync that pod at once, remounting the Secret with the new configuration (1.5 s
 * measured). Only pods of a stack the library installed are touched: on a stack someone else runs,
 * the kubelet's own sync sets the pace.
 */
final class PrometheusConfigRefresh implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusConfigRefresh.class);

  /** The annotation changed on the Prometheus pods; its value is a counter. */
  static final String ANNOTATION = "milvus-monitored.io/config-refresh";

  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration EVERY = Duration.ofSeconds(3);

  private final KubernetesClient client;
  private final String namespace;
  private final String prometheus;
  private final ScheduledExecutorService timer;
  private int count;

  private PrometheusConfigRefresh(
      KubernetesClient client,
      String namespace,
      String prometheus,
      ScheduledExecutorService timer) {
    this.client = client;
    this.namespace = namespace;
    this.prometheus = prometheus;
    this.timer = timer;
  }

  /** Starts refreshing the pods of Prometheus {@code namespace/prometheus} until closed. */
  static PrometheusConfigRefresh start(
      KubernetesClient client, String namespace, String prometheus) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "prometheus-config-refresh");
              t.setDaemon(true);
              return t;
            });
    PrometheusConfigRefresh refresh =
        new PrometheusConfigRefresh(client, namespace, prometheus, timer);
    timer.scheduleWithFixedDelay(
        refresh::refreshNow, FIRST.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return refresh;
  }

  /**
   * Changes the annotation on every pod of the Prometheus once; a failure is logged and tried again
   * next time.
   */
  void refreshNow() {
    count++;
    String patch = "{\"metadata\":{\"annotations\":{\"" + ANNOTATION + "\":\"" + count + "\"}}}";
    try {
      for (Pod pod :
          client
              .pods()
              .inNamespace(namespace)
              .withLabel("operator.prometheus.io/name", prometheus)
              .list()
              .getItems()) {
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        LOG.debug(
            "Prometheus pod {}/{}: {}={} (the kubelet syncs it and refreshes its configuration volume)",
            namespace,
            pod.getMetadata().getName(),
            ANNOTATION,
            count);
      }
    } catch (RuntimeException e) {
      LOG.debug(
          "Cannot annotate the pods of Prometheus {}/{} now: {}",
          namespace,
          prometheus,
          e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
