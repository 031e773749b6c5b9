package io.github.milvusmonitored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.milvusmonitored.access.PortForwards;
import io.github.milvusmonitored.access.internal.PortForwardErrors;
import io.github.milvusmonitored.access.internal.ServiceProxyErrors;
import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.cluster.internal.ClusterErrors;
import io.github.milvusmonitored.dashboard.DashboardAuditor;
import io.github.milvusmonitored.diagnostics.EnvironmentDiagnostics;
import io.github.milvusmonitored.diagnostics.internal.DiagnosticsErrors;
import io.github.milvusmonitored.internal.Checks;
import io.github.milvusmonitored.internal.KubeWaits;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.internal.MilvusErrors;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.stack.internal.KubePrometheusErrors;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every message that prints a duration prints it as seconds ({@code 15 s}, {@code 0.3 s}), never as
 * {@code PT15S}.
 */
@EnableKubernetesMockClient(crud = true)
class MessageDurationsTest {

  KubernetesClient client;

  @Test
  void an_api_server_that_does_not_answer_names_the_wait_in_seconds() {
    assertThat(
            ClusterErrors.notAnswering(
                    "/home/ci/.kube/config",
                    "https://10.0.0.1:6443/",
                    Duration.ofSeconds(15),
                    new java.util.concurrent.TimeoutException())
                .getMessage())
        .isEqualTo(
            "The Kubernetes API server"
                + " https://10.0.0.1:6443/ (from /home/ci/.kube/config) did not answer within 15 s. Check that the cluster is"
                + " running and reachable from here (kubectl cluster-info), and that the kubeconfig's credentials are"
                + " current.");
  }

  @Test
  void an_api_server_that_refuses_the_connection_is_reported_as_connection_refused() {
    assertThat(
            ClusterErrors.notAnswering(
                    "/home/ci/.kube/config",
                    "https://127.0.0.1:6443/",
                    Duration.ofSeconds(15),
                    new RuntimeException(new ConnectException("Connection refused")))
                .getMessage())
        .isEqualTo(
            "The Kubernetes API"
                + " server https://127.0.0.1:6443/ (from /home/ci/.kube/config) refused the connection (connection refused):"
                + " nothing listens at that address and port. Check that the cluster is running and reachable from here"
                + " (kubectl cluster-info), and that the kubeconfig's credentials are current.");
    assertThat(
            ClusterErrors.notAnswering(
                    "/home/ci/.kube/config",
                    "https://127.0.0.1:6443/",
                    Duration.ofSeconds(15),
                    new IllegalStateException("PKIX path building failed"))
                .getMessage())
        .startsWith(
            "The Kubernetes API server"
                + " https://127.0.0.1:6443/ (from /home/ci/.kube/config) could not be asked for its version:"
                + " IllegalStateException: PKIX path building failed. Check");
  }

  @Test
  void workloads_that_are_not_ready_name_the_wait_in_seconds() {
    assertThatThrownBy(
            () ->
                KubeWaits.deploymentReady(
                    client, "monitoring", "prometheus-operator", Duration.ofMillis(300)))
        .hasMessage(
            "Deployment monitoring/prometheus-operator had no available replica within"
                + " 0.3 s. Look at its pods: kubectl -n monitoring describe deployment prometheus-operator");
    assertThatThrownBy(
            () ->
                KubeWaits.statefulSetReady(
                    client, "monitoring", "prometheus-k8s", 1, Duration.ofMillis(300)))
        .hasMessage(
            "StatefulSet monitoring/prometheus-k8s had fewer than 1 ready replica(s)"
                + " within 0.3 s. The Prometheus operator creates it from the Prometheus resource: kubectl -n monitoring"
                + " describe prometheus,statefulset; kubectl -n monitoring logs deploy/prometheus-operator");
  }

  @Test
  void a_failed_install_names_its_readiness_wait_in_seconds() {
    assertThat(
            MilvusErrors.installFailed(
                "my-release",
                "milvus",
                Duration.ofMinutes(10),
                new IllegalStateException("context deadline exceeded"),
                "The release was uninstalled."))
        .isEqualTo(
            "Helm could not install Milvus release 'my-release' in namespace 'milvus' (waiting up to 600 s for"
                + " readiness): context deadline exceeded. The release was uninstalled. Likely"
                + " causes: images that cannot be pulled, too little memory or CPU for the pods, or persistent volumes"
                + " that cannot be bound. Look with `kubectl -n milvus get pods,pvc` and `kubectl -n milvus describe"
                + " pods`.");
    assertThat(Checks.notPositive("Ready timeout", Duration.ofMillis(-1500)))
        .isEqualTo(
            "Ready timeout must be positive, got -1.5 s. Pass a duration longer than zero, such as"
                + " Duration.ofSeconds(30).");
  }

  @Test
  void waits_on_the_cluster_name_their_deadline_in_seconds() {
    assertThat(
            KubePrometheusErrors.namespaceStillTerminating("monitoring", Duration.ofMillis(2500)))
        .startsWith(
            "Namespace 'monitoring' was still Terminating after 2.5 s (an earlier run's removal, or a user's).");
    assertThat(
            KubePrometheusErrors.crdsNotEstablished(
                Duration.ofMillis(1500),
                java.util.Map.of("prometheuses", "not found"),
                List.of("prometheuses"),
                10))
        .startsWith(
            "1 of 10 kube-prometheus CRDs were not Established within 1.5 s: [prometheuses].\n"
                + "  prometheuses: not found\n");
    assertThat(
            ServiceProxyErrors.noAnswer(
                "monitoring/prometheus-k8s:web", Duration.ofSeconds(5), List.of()))
        .startsWith(
            "The Kubernetes API server's service proxy gave no answer from monitoring/prometheus-k8s:web"
                + " within 5 s. No NetworkPolicy");
    assertThat(
            PortForwardErrors.couldNotOpen(
                    "monitoring/svc/prometheus-k8s:9090",
                    0,
                    Duration.ofMillis(30_250),
                    new IllegalStateException("no Ready pod"))
                .getMessage())
        .isEqualTo(
            "Could not open a port-forward to"
                + " monitoring/svc/prometheus-k8s:9090 on local port (any) within 30.25 s: no Ready pod");
    assertThat(DiagnosticsErrors.timedOut("Prometheus targets", Duration.ofMillis(800)))
        .isEqualTo(
            "COULD NOT COLLECT"
                + " Prometheus targets: no answer within 0.8 s (per-step limit or the remaining total budget); the API server"
                + " or Prometheus may be overloaded or unreachable.");
    assertThat(DiagnosticsErrors.skippedNoTime("pod logs", Duration.ofSeconds(60)))
        .isEqualTo(
            "SKIPPED pod logs: the"
                + " total diagnostics budget of 60 s was spent by earlier steps.");
  }

  @Test
  void settings_that_are_not_positive_are_refused_with_the_value_in_seconds() {
    assertThatThrownBy(() -> K3sClusterConfig.defaults().withStartupTimeout(Duration.ZERO))
        .hasMessage(
            "k3s startup timeout must be positive, got 0 s."
                + " Pass a duration longer than zero, such as Duration.ofSeconds(30).");
    assertThatThrownBy(() -> PortForwards.of(client).withOpenTimeout(Duration.ofSeconds(-30)))
        .hasMessage(
            "Open timeout must be positive, got -30 s."
                + " Pass a duration longer than zero, such as Duration.ofSeconds(30).");
    assertThatThrownBy(() -> EnvironmentDiagnostics.builder(client).withStepTimeout(Duration.ZERO))
        .hasMessage(
            "Step timeout must be positive, got 0 s."
                + " Pass a duration longer than zero, such as Duration.ofSeconds(30).");
    DashboardAuditor auditor =
        DashboardAuditor.create(
            PrometheusClient.create(URI.create("http://127.0.0.1:9")),
            MilvusSelector.of("milvus", "my-release"));
    assertThatThrownBy(() -> auditor.withScrapeInterval(Duration.ofMillis(-250)))
        .hasMessage(
            "Scrape interval must be positive, got -0.25 s."
                + " Pass a duration longer than zero, such as Duration.ofSeconds(30).");
  }
}
