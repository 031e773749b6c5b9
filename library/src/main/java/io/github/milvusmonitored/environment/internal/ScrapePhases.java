package io.github.milvusmonitored.environment.internal;

import io.github.milvusmonitored.cluster.KubernetesCluster;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import io.github.milvusmonitored.internal.KubeWaits;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.util.List;

/** The last phases: Prometheus ready, the Milvus target up, the first Milvus sample stored. */
final class ScrapePhases {

  private final EnvironmentConfig config;
  private final KubernetesCluster cluster;
  private final PrometheusClient prometheus;
  private final MilvusMetrics metrics;
  private final PhaseClock clock;
  private final ChosenPrometheus chosen;

  ScrapePhases(
      EnvironmentConfig config,
      KubernetesCluster cluster,
      PrometheusClient prometheus,
      MilvusMetrics metrics,
      PhaseClock clock,
      ChosenPrometheus chosen) {
    this.chosen = chosen;
    this.config = config;
    this.cluster = cluster;
    this.prometheus = prometheus;
    this.metrics = metrics;
    this.clock = clock;
  }

  void run() {
    if (chosen.installed()) {
      clock.run(
          "Prometheus ready",
          "statefulset monitoring/prometheus-k8s ready, then /-/ready through the API server",
          () -> {
            KubeWaits.statefulSetReady(
                cluster.client(), "monitoring", "prometheus-k8s", 1, config.stackReadyTimeout());
            prometheus.awaitReady(config.stackReadyTimeout());
          });
    } else {
      clock.run(
          "Prometheus ready",
          "Prometheus " + chosen.ref() + ": /-/ready through Service " + chosen.service(),
          () -> prometheus.awaitReady(config.stackReadyTimeout()));
    }
    if (!config.rbacPatch() && chosen.installed()) {
      // Without the patch the target never appears: that is what the caller wants to observe.
      clock.skipped("Milvus target up", "RBAC patch turned off");
      return;
    }
    // Every component the profile runs is a target of its own (five in cluster mode): wait for
    // each.
    List<String> components = config.milvus().profile().components();
    clock.run(
        "Milvus target up",
        "Prometheus discovers and scrapes "
            + metrics.release().namespace()
            + "/"
            + metrics.release().instance()
            + " "
            + components,
        () -> metrics.awaitComponentsUp(components, config.firstSampleTimeout()));
    clock.run(
        "first milvus_ sample",
        "a milvus_* series of the release stored in Prometheus",
        () -> metrics.awaitFirstSample(config.firstSampleTimeout()));
  }
}
