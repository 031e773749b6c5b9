package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures "ServiceMonitor applied → its job in Prometheus's configuration → first sample" on a
 * running stack: the ServiceMonitor is deleted, its job awaited gone from the configuration, then
 * created again and timed.
 */
final class ServiceMonitorLatency {

  record Result(Duration removedFromConfig, Duration inConfig, Duration firstSample) {
    @Override
    public String toString() {
      return String.format(
          "ServiceMonitor deleted -> job gone from the config %.1f s; ServiceMonitor applied ->"
              + " job in the config %.1f s -> first sample %.1f s",
          removedFromConfig.toMillis() / 1e3,
          inConfig.toMillis() / 1e3,
          firstSample.toMillis() / 1e3);
    }
  }

  private ServiceMonitorLatency() {}

  /**
   * Measures once; {@code whileWaiting} runs every 2 s while the job is not yet in the
   * configuration.
   */
  static Result measure(
      KubernetesClient admin,
      PrometheusClient prometheus,
      String namespace,
      String job,
      Duration timeout,
      Runnable whileWaiting) {
    var monitors = admin.resources(ServiceMonitor.class).inNamespace(namespace);
    ServiceMonitor monitor = monitors.list().getItems().get(0);
    long t = System.nanoTime();
    monitors.withName(monitor.getMetadata().getName()).delete();
    await(
        "job " + job + " gone from the configuration",
        timeout,
        () -> !prometheus.scrapePools().contains(job));
    Duration removed = Duration.ofNanos(System.nanoTime() - t);

    monitor.getMetadata().setResourceVersion(null);
    monitor.getMetadata().setUid(null);
    monitor.getMetadata().setCreationTimestamp(null);
    monitor.getMetadata().setManagedFields(null);
    long applied = System.nanoTime();
    Instant appliedAt = Instant.now();
    monitors.resource(monitor).create();
    long[] nextNudge = {System.nanoTime()};
    await(
        "job " + job + " in the configuration",
        timeout,
        () -> {
          if (prometheus.scrapePools().contains(job)) {
            return true;
          }
          if (System.nanoTime() >= nextNudge[0]) {
            nextNudge[0] = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            whileWaiting.run();
          }
          return false;
        });
    Duration inConfig = Duration.ofNanos(System.nanoTime() - applied);
    String query =
        "timestamp(milvus_num_node{namespace=\""
            + namespace
            + "\"}) > "
            + appliedAt.getEpochSecond();
    await(
        "a sample scraped after the ServiceMonitor was applied",
        timeout,
        () -> !prometheus.query(query).samples().isEmpty());
    return new Result(removed, inConfig, Duration.ofNanos(System.nanoTime() - applied));
  }

  private static void await(
      String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // Prometheus reloading or the proxy briefly unavailable: ask again.
      }
      LabProcess.sleep(Duration.ofMillis(250));
    }
    throw new AssertionError("No " + what + " within " + timeout.toSeconds() + " s");
  }
}
