package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prints what a real kubelet adds between a ServiceMonitor applied and its first sample: with the
 * kubelet's defaults, with the Prometheus pod's annotations changed every 2 s (what the library
 * does on a stack it installed: a pod update makes the kubelet sync the pod, which rewrites its
 * Secret volumes), and with the kubelet's syncFrequency at 5 s. A benchmark, not a test: it asserts
 * nothing about time and runs only when asked (docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -B -o -Plab -pl library,test-support,junit-extension,cli,lab verify -Dinvoker.skip=true -Dtest=none \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealNodeLatencyBenchmark -Dlab.benchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(
    named = "lab.benchmark",
    matches = "true",
    disabledReason = "a benchmark: -Dlab.benchmark=true")
@EnabledIfSystemProperty(
    named = "lab.node",
    matches = "real",
    disabledReason = "runs in the real-node execution")
@ExtendWith({LabExtension.class, RestoresLab.class})
class RealNodeLatencyBenchmark {

  private static final String NAMESPACE = "milvus";
  private static final String JOB = "serviceMonitor/milvus/my-release-milvus-standalone/0";

  @Test
  void prints_the_service_monitor_latency_with_and_without_the_refresh(Lab lab) {
    KubernetesClient admin = lab.client();
    RealNode node = lab.realNode();
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(
            LabConfigs.environment(lab, "real-node-benchmark")
                .withMilvus(LabConfigs.milvus().withProfile(MilvusProfile.ONE_POD).build()))) {
      PrometheusClient prometheus = env.prometheus();
      // What a kubelet adds between a ServiceMonitor applied and its first sample, with the
      // kubelet's defaults,
      // with the Prometheus pod's annotations changed every 2 s (a pod update makes the kubelet
      // sync the pod,
      // which remounts its Secret volumes), and with the kubelet's syncFrequency at 5 s.
      Duration timeout = Duration.ofMinutes(4);
      System.out.println(
          "real node: kubelet defaults: "
              + ServiceMonitorLatency.measure(
                  admin, prometheus, NAMESPACE, JOB, timeout, () -> {}));
      System.out.println(
          "real node: pod annotation changed every 2 s: "
              + ServiceMonitorLatency.measure(
                  admin, prometheus, NAMESPACE, JOB, timeout, () -> annotate(admin)));
      node.restartKubelet("syncFrequency: 5s\n");
      try {
        System.out.println(
            "real node: kubelet syncFrequency 5s: "
                + ServiceMonitorLatency.measure(
                    admin, prometheus, NAMESPACE, JOB, timeout, () -> {}));
      } finally {
        node.restartKubelet("");
      }
    }
  }

  private static void annotate(KubernetesClient admin) {
    admin
        .pods()
        .inNamespace("monitoring")
        .withName("prometheus-k8s-0")
        .edit(
            p -> {
              p.getMetadata()
                  .getAnnotations()
                  .put("lab.milvus-monitored/refresh", Long.toString(System.nanoTime()));
              return p;
            });
  }
}
