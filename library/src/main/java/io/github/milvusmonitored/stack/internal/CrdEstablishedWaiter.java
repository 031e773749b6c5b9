package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.KubePrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls CRDs until each has condition Established=True, logging who is still awaited.
 *
 * <p>A CRD whose names are accepted but that stays not Established is touched once: the API
 * server's establishing controller is only woken by an update of the CRD, so a CRD whose
 * NamesAccepted condition was written just before the API server stopped stays "Installing" for
 * good after the restart (read in apiextensions-apiserver v0.35.4: the CRD handler queues a CRD for
 * establishing on update events only; seen on the lab's kube-apiserver v1.35.4). The touch is a
 * merge patch of one annotation, {@value #NUDGE_ANNOTATION}, on a CRD the run has just applied.
 */
public final class CrdEstablishedWaiter {

  /**
   * The annotation whose update wakes the establishing controller; its value is when it was set.
   */
  public static final String NUDGE_ANNOTATION = "milvus-monitored.io/establishing-requested-at";

  /** How long a CRD may have its names accepted without being Established before it is touched. */
  public static final Duration DEFAULT_NUDGE_AFTER = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(CrdEstablishedWaiter.class);

  private CrdEstablishedWaiter() {}

  public static void await(
      KubernetesClient client,
      List<String> crds,
      Duration timeout,
      Duration poll,
      Duration progressEvery) {
    await(client, crds, timeout, poll, progressEvery, DEFAULT_NUDGE_AFTER);
  }

  public static void await(
      KubernetesClient client,
      List<String> crds,
      Duration timeout,
      Duration poll,
      Duration progressEvery,
      Duration nudgeAfter) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long nextProgress = started + progressEvery.toNanos();
    List<String> waiting = new ArrayList<>(crds);
    Map<String, String> states = new LinkedHashMap<>();
    Map<String, Long> acceptedSince = new HashMap<>();
    Map<String, Long> nudgedAt = new HashMap<>();
    LOG.info(
        "kube-prometheus: waiting up to {} s for {} CRDs to be Established",
        timeout.toSeconds(),
        crds.size());
    while (true) {
      long now = System.nanoTime();
      for (String name : List.copyOf(waiting)) {
        CustomResourceDefinition crd = read(client, name);
        if (isEstablished(crd)) {
          waiting.remove(name);
          states.remove(name);
          continue;
        }
        states.put(name, describe(crd));
        if (!isNamesAccepted(crd)) {
          acceptedSince.remove(name);
          continue;
        }
        long since = acceptedSince.computeIfAbsent(name, n -> now);
        Long lastNudge = nudgedAt.get(name);
        boolean due =
            lastNudge == null
                ? now - since >= nudgeAfter.toNanos()
                : now - lastNudge >= 3 * nudgeAfter.toNanos();
        if (due && nudge(client, name, (now - since) / 1_000_000)) {
          nudgedAt.put(name, now);
        }
      }
      if (waiting.isEmpty()) {
        LOG.info(
            "kube-prometheus: all {} CRDs Established after {} ms",
            crds.size(),
            (now - started) / 1_000_000);
        return;
      }
      if (now >= deadline) {
        throw new KubePrometheusException(
            KubePrometheusErrors.crdsNotEstablished(
                timeout, Map.copyOf(states), List.copyOf(waiting), crds.size()));
      }
      if (now >= nextProgress) {
        LOG.info(
            "kube-prometheus: {} s elapsed, {} of {} CRDs not Established yet: {}",
            (now - started) / 1_000_000_000,
            waiting.size(),
            crds.size(),
            waiting);
        nextProgress = now + progressEvery.toNanos();
      }
      sleep(Math.min(poll.toNanos(), deadline - now));
    }
  }

  /**
   * Touches one annotation of the CRD so that the API server's establishing controller looks at it
   * again.
   */
  private static boolean nudge(KubernetesClient client, String name, long acceptedForMillis) {
    LOG.info(
        "kube-prometheus: CRD {} has had its names accepted for {} ms but is not Established; the API server's"
            + " establishing controller missed it (as after an API server restart): setting annotation {} to wake it",
        name,
        acceptedForMillis,
        NUDGE_ANNOTATION);
    String patch =
        "{\"metadata\":{\"annotations\":{\"" + NUDGE_ANNOTATION + "\":\"" + Instant.now() + "\"}}}";
    try {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      // Not fatal: the wait goes on and its deadline reports the CRD.
      LOG.warn(
          "kube-prometheus: could not set annotation {} on CRD {} ({}); still waiting",
          NUDGE_ANNOTATION,
          name,
          e.getMessage());
      return false;
    }
  }

  // A transient API error (429, 5xx, a dropped connection) counts as "not yet"; a 403 fails at
  // once.
  private static CustomResourceDefinition read(KubernetesClient client, String name) {
    try {
      return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    } catch (KubernetesClientException e) {
      if (KubeRetry.isTransient(e)) {
        LOG.warn(
            "kube-prometheus: reading CRD {} failed transiently ({}); trying again",
            name,
            e.getMessage());
        return null;
      }
      if (e.getCode() == 403) {
        throw new KubePrometheusException(
            KubePrometheusErrors.forbidden(
                "get",
                "CustomResourceDefinition",
                name,
                e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage(),
                "kubectl wait --for condition=Established --all CustomResourceDefinition"),
            e);
      }
      throw e;
    }
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    return condition(crd, "Established").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static boolean isNamesAccepted(CustomResourceDefinition crd) {
    return condition(crd, "NamesAccepted").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /**
   * The CRD's state in a few words, e.g. {@code Established=False (Installing: the initial names
   * have been accepted)}.
   */
  static String describe(CustomResourceDefinition crd) {
    if (crd == null) {
      return "not found";
    }
    List<String> parts = new ArrayList<>();
    for (String type : List.of("NamesAccepted", "Established")) {
      parts.add(
          condition(crd, type)
              .map(
                  c ->
                      type
                          + "="
                          + c.getStatus()
                          + (c.getReason() == null
                              ? ""
                              : " ("
                                  + c.getReason()
                                  + (c.getMessage() == null ? "" : ": " + c.getMessage())
                                  + ")"))
              .orElse(type + " not reported"));
    }
    return String.join(", ", parts);
  }

  private static Optional<CustomResourceDefinitionCondition> condition(
      CustomResourceDefinition crd, String type) {
    if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return crd.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubePrometheusException(
          "interrupted while waiting for the kube-prometheus CRDs", e);
    }
  }
}
