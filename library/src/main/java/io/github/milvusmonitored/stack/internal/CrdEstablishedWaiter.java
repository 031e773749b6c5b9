package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.KubePrometheusException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls CRDs until each has condition Established=True, logging who is still awaited. */
public final class CrdEstablishedWaiter {

  private static final Logger LOG = LoggerFactory.getLogger(CrdEstablishedWaiter.class);

  private CrdEstablishedWaiter() {}

  public static void await(KubernetesClient client, List<String> crds, Duration timeout, Duration poll, Duration progressEvery) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long nextProgress = started + progressEvery.toNanos();
    List<String> waiting = new ArrayList<>(crds);
    LOG.info("kube-prometheus: waiting up to {} s for {} CRDs to be Established", timeout.toSeconds(), crds.size());
    while (true) {
      waiting.removeIf(name -> isEstablished(read(client, name)));
      long now = System.nanoTime();
      if (waiting.isEmpty()) {
        LOG.info("kube-prometheus: all {} CRDs Established after {} ms", crds.size(), (now - started) / 1_000_000);
        return;
      }
      if (now >= deadline) {
        throw new KubePrometheusException(KubePrometheusErrors.crdsNotEstablished(timeout, List.copyOf(waiting), crds.size()));
      }
      if (now >= nextProgress) {
        LOG.info("kube-prometheus: {} s elapsed, {} of {} CRDs not Established yet: {}",
            (now - started) / 1_000_000_000, waiting.size(), crds.size(), waiting);
        nextProgress = now + progressEvery.toNanos();
      }
      sleep(Math.min(poll.toNanos(), deadline - now));
    }
  }

  // A transient API error (429, 5xx, a dropped connection) counts as "not yet"; a 403 fails at once.
  private static CustomResourceDefinition read(KubernetesClient client, String name) {
    try {
      return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    } catch (KubernetesClientException e) {
      if (KubeRetry.isTransient(e)) {
        LOG.warn("kube-prometheus: reading CRD {} failed transiently ({}); trying again", name, e.getMessage());
        return null;
      }
      if (e.getCode() == 403) {
        throw new KubePrometheusException(KubePrometheusErrors.forbidden("get", "CustomResourceDefinition", name,
            e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage(),
            "kubectl wait --for condition=Established --all CustomResourceDefinition"), e);
      }
      throw e;
    }
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubePrometheusException("interrupted while waiting for the kube-prometheus CRDs", e);
    }
  }
}
