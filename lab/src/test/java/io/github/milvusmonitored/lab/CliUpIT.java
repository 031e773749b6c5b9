package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.Targets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command line's {@code up} on the lab as an existing cluster, in a JVM of its own as a user
 * runs it: it brings kube-prometheus and Milvus up from local files, prints the Prometheus URL
 * whose targets hold the Milvus target UP, and Ctrl-C (SIGINT) stops it within seconds with the
 * JVM's exit code 130: its shutdown hook has removed what it installed, although helm-java's native
 * install took the signal for Go. {@link CliAuditIT} stops its {@code up} with SIGTERM (143).
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class CliUpIT {

  @Test
  void up_on_the_lab_serves_the_milvus_target_and_ctrl_c_stops_it_and_removes_what_it_installed(
      Lab lab) throws Exception {
    KubernetesClient admin = lab.client();
    ClusterSnapshot before = ClusterSnapshot.of(admin);
    try (CliProcess up = CliProcess.up(lab, Path.of("target", "cli-up-it"))) {
      String printed = up.awaitUp();
      URI prometheusUrl = CliProcess.prometheusUrl(printed);
      assertThat(prometheusUrl.getHost()).isEqualTo("127.0.0.1");

      List<GenericKubernetesResource> serviceMonitors =
          admin
              .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
              .inNamespace("milvus")
              .list()
              .getItems();
      assertThat(serviceMonitors)
          .as("the release's ServiceMonitor in namespace milvus")
          .isNotEmpty();
      assertThat(serviceMonitors.get(0).getAdditionalProperties().toString())
          .contains("interval=5s", "scrapeTimeout=3s");

      Targets.Active milvus =
          CliProcess.awaitMilvusTargetUp(
              PrometheusClient.create(prometheusUrl), Duration.ofMinutes(1));
      assertThat(milvus.scrapeInterval()).contains(Duration.ofSeconds(5));

      up.stopUp("INT", 2, 130);
    }

    ClusterSnapshot after = FreshStartIT.awaitSettled(admin, before);
    assertThat(before.added(after)).as("objects 'up' left behind after SIGINT").isEmpty();
    assertThat(before.removed(after)).as("objects 'up' removed that were there before").isEmpty();
  }
}
