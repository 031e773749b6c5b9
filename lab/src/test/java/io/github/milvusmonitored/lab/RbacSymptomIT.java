package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.stack.PrometheusRbacPatch;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RBAC symptom as it really arises: kube-prometheus's Prometheus (real 3.12, with its
 * ServiceAccount's token) gets 403 listing EndpointSlices in the Milvus namespace, the scrape pool
 * has no targets and targetStatus() says so with the fix; after the patch the target is UP within
 * the bound that Prometheus's discovery retries and scrape timing give (see {@link #AFTER_RELIST}
 * and {@link ForbiddenLists}).
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class RbacSymptomIT {

  /**
   * From the informers' next list to the target UP, each step at its longest (read in Prometheus
   * v3.12.0): the discoverer's cache sync polls every 100 ms; the discovery manager sends target
   * groups at most every 5 s with 50 % randomisation (7.5 s); the scrape manager applies them on
   * its 5 s reload tick; a new target is first scraped within one scrape interval (its offset) and
   * the scrape takes at most the scrape timeout; awaitTargetUp polls every 250 ms. Two scrape
   * intervals, the earlier bound, left out both these timers and the reflector's backoff (after 4
   * refused lists it alone may wait 12.8 s): 13.1 s were measured with the next list due within 3.2
   * s.
   */
  private static final Duration AFTER_RELIST =
      Duration.ofMillis(100 + 7_500 + 5_000 + 250)
          .plus(LabConfigs.SCRAPE_INTERVAL)
          .plus(LabConfigs.SCRAPE_TIMEOUT);

  @Test
  void names_the_rbac_symptom_and_recovers_once_patched(Lab lab) {
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "rbac-symptom")
                .withRbacPatch(false)
                .withFirstSampleTimeout(Duration.ofSeconds(20)))) {
      LabProcess prometheus = lab.prometheus(Duration.ofSeconds(30));
      awaitTrue(
          Duration.ofSeconds(60),
          () -> prometheus.log().contains("endpointslices.discovery.k8s.io is forbidden"));
      // Prometheus 3.12 logs client-go's error with its quotes escaped: cannot list resource
      // \"endpointslices\"
      assertThat(prometheus.log())
          .contains("system:serviceaccount:monitoring:prometheus-k8s")
          .contains(
              "cannot list resource \\\"endpointslices\\\" in API group \\\"discovery.k8s.io\\\" in the namespace \\\"milvus\\\"");

      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state())
          .as(status.summary())
          .isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
      assertThat(status.summary())
          .contains("RBAC")
          .contains("kubectl patch clusterrole prometheus-k8s");

      PrometheusRbacPatch.apply(env.kubernetesClient());
      Instant patchedAt = Instant.now();
      long patched = System.nanoTime();
      TargetStatus up =
          env.milvusMetrics()
              .awaitTargetUp(
                  ForbiddenLists.longestSleepAfter(Integer.MAX_VALUE).plus(AFTER_RELIST));
      Duration took = Duration.ofNanos(System.nanoTime() - patched);
      assertThat(up.state()).isEqualTo(TargetStatus.State.UP);

      // What must hold: UP no later than the informers' next list (read from Prometheus's log, with
      // client-go's
      // backoff) plus the fixed delays of Prometheus's discovery and scrape managers and one
      // scrape.
      ForbiddenLists forbidden = ForbiddenLists.in(prometheus.log(), "milvus");
      assertThat(forbidden.counts()).containsKey("endpointslices");
      Duration relist = Duration.between(patchedAt, forbidden.latestRelist());
      Duration bound = (relist.isNegative() ? Duration.ZERO : relist).plus(AFTER_RELIST);
      System.out.printf(
          "RBAC patch to target UP: %d ms; bound %d ms = next list within %d ms (%s) + %d ms"
              + " (scrape interval %d s)%n",
          took.toMillis(),
          bound.toMillis(),
          relist.toMillis(),
          forbidden,
          AFTER_RELIST.toMillis(),
          LabConfigs.SCRAPE_INTERVAL.toSeconds());
      assertThat(took).as("RBAC patch to target UP (%s)", forbidden).isLessThanOrEqualTo(bound);
    }
  }

  static void awaitTrue(Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout.toSeconds() + " s");
      }
      LabProcess.sleep(Duration.ofMillis(250));
    }
  }
}
