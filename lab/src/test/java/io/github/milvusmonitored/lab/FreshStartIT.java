package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.prometheus.InstantVector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fresh {@code MonitoredEnvironments.start} on the lab: the real kube-prometheus v0.18.0 CRDs
 * applied server-side and Established, the real operator reconciling the Prometheus CR into the
 * StatefulSet whose pod the real Prometheus 3.12 serves, the Milvus release installed by helm-java,
 * its target UP, the first sample, queries through the API server's service proxy, a port-forward;
 * close() leaves the cluster as it found it.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class FreshStartIT {

  @Test
  void starts_on_a_real_control_plane_and_leaves_it_as_it_found_it(Lab lab) throws Exception {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "fresh-start"))) {
      List<CustomResourceDefinition> crds =
          admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
              .filter(crd -> crd.getSpec().getGroup().equals("monitoring.coreos.com"))
              .toList();
      assertThat(crds)
          .hasSize(10)
          .allSatisfy(
              crd ->
                  assertThat(crd.getStatus().getConditions())
                      .anySatisfy(
                          c -> {
                            assertThat(c.getType()).isEqualTo("Established");
                            assertThat(c.getStatus()).isEqualTo("True");
                          }));
      assertThat(
              admin
                  .apps()
                  .deployments()
                  .inNamespace("monitoring")
                  .withName("prometheus-operator")
                  .get()
                  .getStatus()
                  .getReadyReplicas())
          .isEqualTo(1);
      assertThat(
              admin
                  .apps()
                  .statefulSets()
                  .inNamespace("monitoring")
                  .withName("prometheus-k8s")
                  .get())
          .as("the StatefulSet the real operator generated from the Prometheus CR")
          .isNotNull();

      TargetStatus status = env.milvusMetrics().targetStatus();
      assertThat(status.state()).as(status.summary()).isEqualTo(TargetStatus.State.UP);

      PrometheusClient prometheus = env.prometheus();
      assertThat(prometheus.baseUri().getPath()).contains("/services/prometheus-k8s:web/proxy");
      assertThat(prometheus.buildInfo().version())
          .isEqualTo(lab.programs().versions().get("prometheus").replaceFirst("^v", ""));
      // Scraped from the real Milvus 2.3.5 of the standalone pod, which exposes no
      // milvus_build_info.
      InstantVector nodes = prometheus.query("milvus_num_node{namespace=\"milvus\"}");
      assertThat(nodes.samples()).isNotEmpty();
      assertThat(nodes.samples().get(0).labels().get("service")).isEqualTo("my-release-milvus");

      URI ui = env.prometheusUiUrl();
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(ui.resolve("/-/ready"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode())
          .as("Prometheus through the port-forward at " + ui)
          .isEqualTo(200);
      assertThat(env.timingReport().phases()).isNotEmpty();
    }

    ClusterSnapshot after = awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects the run left behind").isEmpty();
    assertThat(before.removed(after))
        .as("objects the run removed that were there before")
        .isEmpty();
  }

  /**
   * Namespaces take a moment to finish terminating; waits up to a minute for the cluster to settle.
   */
  static ClusterSnapshot awaitSettled(KubernetesClient admin, ClusterSnapshot before) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    ClusterSnapshot after = ClusterSnapshot.of(admin);
    while (System.nanoTime() < deadline
        && !(before.added(after).isEmpty() && before.removed(after).isEmpty())) {
      LabProcess.sleep(Duration.ofSeconds(1));
      after = ClusterSnapshot.of(admin);
    }
    return after;
  }
}
