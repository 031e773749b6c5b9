package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
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
      waiting.removeIf(name -> isEstablished(client.apiextensions().v1().customResourceDefinitions().withName(name).get()));
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
