package io.github.milvusmonitored.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class EnvironmentDiagnosticsTest {

  private static final String POOL = "serviceMonitor/milvus/my-release-milvus-standalone/0";
  private static final MilvusSelector RELEASE = MilvusSelector.of("milvus", "my-release");

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path folder;
  ClusterFixture cluster;
  PrometheusStub prometheus;

  @BeforeEach
  void setUp() throws IOException {
    cluster = new ClusterFixture(client);
    prometheus = new PrometheusStub();
  }

  @AfterEach
  void tearDown() {
    prometheus.close();
  }

  @Test
  void writes_pods_events_release_monitoring_resources_targets_and_logs() throws IOException {
    cluster.readyPod("monitoring", "prometheus-k8s-0", "prometheus");
    cluster.readyPod("milvus", "my-release-etcd-0", "etcd");
    cluster.crashLooping("milvus", "my-release-milvus-standalone-6d9f", "standalone", 4);
    cluster.event(
        "milvus",
        "e1",
        "Normal",
        "Pulled",
        "my-release-etcd-0",
        "Successfully pulled image",
        "2026-11-24T10:01:00Z");
    cluster.event(
        "milvus",
        "e2",
        "Warning",
        "BackOff",
        "my-release-milvus-standalone-6d9f",
        "Back-off restarting failed container standalone",
        "2026-11-24T10:05:00Z");
    cluster.event(
        "milvus",
        "e0",
        "Normal",
        "Scheduled",
        "my-release-milvus-standalone-6d9f",
        "Successfully assigned milvus/my-release-milvus-standalone-6d9f to k3s-node",
        "2026-11-24T10:00:00Z");
    client
        .resources(io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class)
        .inNamespace("milvus")
        .resource(
            new ServiceMonitorBuilder()
                .withNewMetadata()
                .withNamespace("milvus")
                .withName("my-release-milvus-standalone")
                .endMetadata()
                .withNewSpec()
                .addNewEndpoint()
                .withPort("metrics")
                .withPath("/metrics")
                .endEndpoint()
                .endSpec()
                .build())
        .create();
    client
        .resources(io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class)
        .inNamespace("monitoring")
        .resource(
            new PrometheusRuleBuilder()
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("prometheus-k8s-rules")
                .endMetadata()
                .withNewSpec()
                .addNewGroup()
                .withName("prometheus")
                .endGroup()
                .endSpec()
                .build())
        .create();
    String logPath =
        "/api/v1/namespaces/milvus/pods/my-release-milvus-standalone-6d9f/log?pretty=false&container=standalone&tailLines=200";
    server.expect().get().withPath(logPath).andReturn(200, "starting\nwaiting for etcd\n").always();
    server
        .expect()
        .get()
        .withPath(logPath.replace("&tailLines", "&previous=true&tailLines"))
        .andReturn(200, "panic: etcd unreachable\n")
        .always();
    prometheus
        .targets(
            "["
                + PrometheusStub.activeTarget(
                    POOL,
                    "http://10.42.0.7:9091/metrics",
                    "down",
                    "connection refused",
                    "{\"namespace\":\"milvus\",\"app_kubernetes_io_instance\":\"my-release\",\"job\":\"my-release-milvus\"}")
                + "]",
            "[" + PrometheusStub.droppedTarget("serviceMonitor/monitoring/grafana/0") + "]")
        .scrapePools(POOL, "serviceMonitor/monitoring/grafana/0");

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(read("pods.txt"))
        .contains("# Namespace monitoring", "# Namespace milvus")
        .containsPattern("my-release-milvus-standalone-6d9f\\s+0/1\\s+CrashLoopBackOff\\s+4")
        .containsPattern("my-release-etcd-0\\s+1/1\\s+Running\\s+0")
        .contains("Ready=False (ContainersNotReady: containers with unready status: [standalone])")
        .contains(
            "container standalone: ready=false restarts=4 state=waiting reason=CrashLoopBackOff"
                + " message=\"back-off 40s restarting failed container=standalone\" lastState=terminated reason=Error exitCode=1")
        .contains("node=k3s-node");
    String events = read("events.txt");
    assertThat(events).contains("## Warnings (1)");
    assertThat(events.substring(events.indexOf("## All events")))
        .containsSubsequence("Scheduled", "Pulled", "BackOff")
        .containsPattern(
            "! 2026-11-24T10:05:00Z\\s+Warning\\s+BackOff\\s+Pod/my-release-milvus-standalone-6d9f\\s+x3");
    assertThat(read("helm-release.txt"))
        .contains(
            "status: deployed",
            "chart: milvus-5.0.19",
            "metrics:\n  serviceMonitor:\n    enabled: true",
            "minio:\n  secretKey: \"<redacted>\"")
        .doesNotContain("planted-secret-value");
    assertThat(read("servicemonitors.yaml"))
        .contains(
            "kind: \"ServiceMonitor\"",
            "name: \"my-release-milvus-standalone\"",
            "port: \"metrics\"");
    assertThat(read("prometheusrules.yaml"))
        .contains("# 1 PrometheusRule(s)", "name: \"prometheus-k8s-rules\"");
    assertThat(read("prometheus-targets.txt"))
        .contains(
            "down  " + POOL + "  http://10.42.0.7:9091/metrics  lastError=\"connection refused\"")
        .contains("serviceMonitor/monitoring/grafana/0: 1")
        .contains("# Scrape pools\n  " + POOL + "\n  serviceMonitor/monitoring/grafana/0")
        .contains("release my-release in namespace milvus: DOWN\n    " + POOL)
        .containsOnlyOnce("but its last scrape failed");
    assertThat(read("logs/milvus_my-release-milvus-standalone-6d9f_standalone.log"))
        .contains("waiting for etcd");
    assertThat(read("logs/milvus_my-release-milvus-standalone-6d9f_standalone.previous.log"))
        .contains("(previous run)", "panic: etcd unreachable");
    assertThat(folder.resolve("logs/milvus_my-release-etcd-0_etcd.log")).doesNotExist();
    assertThat(report.complete()).as("failures: %s", report.failures()).isTrue();
    assertThat(report.mostLikelyProblem())
        .startsWith(
            "Container 'standalone' of pod 'my-release-milvus-standalone-6d9f'"
                + " in namespace 'milvus' is in CrashLoopBackOff after 4 restart(s). Its last run ended with reason Error, exit code 1.");
    assertThat(read("summary.md"))
        .contains(
            "## Most likely problem",
            "CrashLoopBackOff",
            "## Other findings",
            "Prometheus has no healthy scrape of Milvus (DOWN)",
            "- `pods.txt`",
            "- `logs/milvus_my-release-milvus-standalone-6d9f_standalone.previous.log`");
  }

  @Test
  void writes_an_api_failure_into_its_file_and_still_collects_the_rest() throws IOException {
    cluster.readyPod("milvus", "my-release-etcd-0", "etcd");
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/milvus/events")
        .andReturn(
            500,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\",\"code\":500}")
        .always();
    prometheus.targets("[]", "[]").scrapePools();

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(read("events.txt"))
        .contains(
            "# Namespace monitoring\nNo events",
            "# Namespace milvus\nCOULD NOT COLLECT events of namespace milvus: HTTP 500 etcdserver: request timed out"
                + " (the API server failed; retry, or look at the API server's log)");
    assertThat(read("pods.txt")).contains("my-release-etcd-0");
    assertThat(read("prometheus-targets.txt")).contains("# Active targets (0)");
    assertThat(report.failures()).containsOnlyKeys("events.txt");
    assertThat(read("summary.md"))
        .contains(
            "## Not collected", "- `events.txt`: COULD NOT COLLECT events of namespace milvus");
  }

  @Test
  void a_hanging_prometheus_costs_one_step_and_the_others_are_still_written() throws IOException {
    cluster.readyPod("milvus", "my-release-etcd-0", "etcd");
    prometheus.targets("[]", "[]").scrapePools().delay("/api/v1/targets", 5_000);

    long started = System.nanoTime();
    DiagnosticsReport report =
        diagnostics().withStepTimeout(Duration.ofMillis(800)).build().write(folder);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    assertThat(read("prometheus-targets.txt"))
        .startsWith("COULD NOT COLLECT Prometheus targets: no answer within 0.8 s");
    assertThat(read("servicemonitors.yaml")).contains("# 0 ServiceMonitor(s)");
    assertThat(read("summary.md"))
        .contains("- `prometheus-targets.txt`: COULD NOT COLLECT Prometheus targets");
    assertThat(report.files())
        .contains(
            "pods.txt", "events.txt", "helm-release.txt", "prometheus-targets.txt", "summary.md");
  }

  @Test
  void says_what_was_not_configured_instead_of_failing() throws IOException {
    DiagnosticsReport report =
        EnvironmentDiagnostics.builder(client).withNamespaces("milvus").build().write(folder);

    assertThat(read("prometheus-targets.txt"))
        .isEqualTo(
            "NOT COLLECTED Prometheus targets: not configured"
                + " (EnvironmentDiagnostics.Builder.withPrometheus).\n");
    assertThat(read("helm-release.txt"))
        .contains("NOT COLLECTED the Helm release status: not configured");
    assertThat(read("pods.txt")).contains("# Namespace milvus\nNo pods.");
    assertThat(report.mostLikelyProblem()).startsWith("No problem found");
  }

  @Test
  void diagnoses_the_rbac_symptom_when_the_milvus_pool_has_no_targets() throws IOException {
    cluster.readyPod("milvus", "my-release-milvus-standalone-6d9f", "standalone");
    prometheus
        .targets(
            "["
                + PrometheusStub.activeTarget(
                    "serviceMonitor/monitoring/grafana/0",
                    "http://10.42.0.9:3000/metrics",
                    "up",
                    "",
                    "{\"namespace\":\"monitoring\"}")
                + "]",
            "[]")
        .scrapePools(POOL, "serviceMonitor/monitoring/grafana/0");

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(report.mostLikelyProblem())
        .startsWith(
            "Prometheus has no healthy scrape of Milvus (NO_ACTIVE_TARGETS): Scrape pool ["
                + POOL
                + "] exists but has NO active targets: this is the RBAC symptom.")
        .contains("discovery.k8s.io/endpointslices", "kubectl patch clusterrole prometheus-k8s");
    assertThat(read("prometheus-targets.txt"))
        .contains("release my-release in namespace milvus: NO_ACTIVE_TARGETS: Scrape pool");
    assertThat(read("summary.md")).contains("RBAC symptom").doesNotContain("## Other findings");
  }

  @Test
  void names_an_oom_kill_with_the_memory_limit_while_the_container_runs_again() throws IOException {
    cluster.oomKilled("monitoring", "prometheus-k8s-0", "prometheus", "40Mi", 2);
    prometheus.targets("[]", "[]").scrapePools(POOL);

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(report.mostLikelyProblem())
        .isEqualTo(
            "Container 'prometheus' of pod 'prometheus-k8s-0' in namespace"
                + " 'monitoring' was OOM-killed: its last run ended with reason OOMKilled, exit code 137 at"
                + " 2026-11-24T10:00:58Z, memory limit 40Mi; restarted 2 time(s). Raise the container's"
                + " resources.limits.memory, or lower what it holds (for Prometheus: fewer series or a shorter retention).");
    assertThat(read("summary.md")).contains("OOM-killed", "OOMKilled", "memory limit 40Mi");
  }

  @Test
  void diagnoses_an_image_that_cannot_be_pulled_before_the_missing_target() throws IOException {
    cluster.imagePullBackOff(
        "milvus", "my-release-minio-5b7c", "minio", "minio/minio:RELEASE.typo");
    prometheus.targets("[]", "[]").scrapePools(POOL);

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(report.mostLikelyProblem())
        .isEqualTo(
            "Pod 'my-release-minio-5b7c' in namespace 'milvus' cannot pull the"
                + " image of container 'minio' (ImagePullBackOff): image 'minio/minio:RELEASE.typo', kubelet says: \"Back-off"
                + " pulling image \"minio/minio:RELEASE.typo\"\". Check the image name and tag, that the node reaches the"
                + " registry (proxy, mirror in registries.yaml, rate limits), and on an offline cluster preload the image.");
    assertThat(read("summary.md")).contains("## Other findings", "NO_ACTIVE_TARGETS");
    assertThat(report.files()).noneMatch(f -> f.startsWith("logs/"));
  }

  @Test
  void diagnoses_a_failed_pull_from_the_kubelets_event_when_the_pod_is_gone() throws IOException {
    // The kubelet's event as Kubernetes v1.35.4 with containerd 1.6.20 wrote it on the lab's real
    // node; the pod itself was deleted with the release whose install timed out.
    String pull =
        "Failed to pull image \"milvusdb/milvus:v2.3.99\": failed to pull and unpack image"
            + " \"docker.io/milvusdb/milvus:v2.3.99\": failed to resolve reference"
            + " \"docker.io/milvusdb/milvus:v2.3.99\": failed to do request: Head"
            + " \"http://127.0.0.1:1/v2/milvusdb/milvus/manifests/v2.3.99?ns=docker.io\": dial tcp"
            + " 127.0.0.1:1: connect: connection refused";
    cluster.event(
        "milvus",
        "p1",
        "Warning",
        "Failed",
        "my-release-milvus-standalone-6bdb",
        pull,
        "2026-11-24T10:02:00Z");
    cluster.event(
        "milvus",
        "p2",
        "Warning",
        "Failed",
        "my-release-milvus-standalone-6bdb",
        "Error: ImagePullBackOff",
        "2026-11-24T10:02:05Z");
    prometheus.targets("[]", "[]").scrapePools();

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(report.foundProblem()).isTrue();
    assertThat(report.mostLikelyProblem())
        .isEqualTo(
            "Pod 'my-release-milvus-standalone-6bdb' in namespace 'milvus' cannot pull an image:"
                + " the kubelet says \""
                + pull
                + "\" (3 times). Check the image name and tag, that the node reaches the registry"
                + " (proxy, mirror in registries.yaml, rate limits), and on an offline cluster"
                + " preload the image.");
  }

  @Test
  void diagnoses_a_pending_pod_that_does_not_fit_for_lack_of_memory() throws IOException {
    cluster.unscheduled(
        "milvus",
        "my-release-milvus-standalone-6d9f",
        "0/1 nodes are available: 1 Insufficient memory.");
    cluster.event(
        "milvus",
        "fs1",
        "Warning",
        "FailedScheduling",
        "my-release-milvus-standalone-6d9f",
        "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims"
            + " found for incoming pod.",
        "2026-11-24T10:02:00Z");
    prometheus.targets("[]", "[]").scrapePools();

    DiagnosticsReport report = diagnostics().build().write(folder);

    assertThat(report.mostLikelyProblem())
        .startsWith(
            "Pod 'my-release-milvus-standalone-6d9f' in namespace 'milvus' is"
                + " Pending and cannot be scheduled: no node has enough free memory for its requests (insufficient memory).")
        .endsWith(
            "Scheduler: \"0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available:"
                + " 1 No preemption victims found for incoming pod.\"");
    assertThat(read("pods.txt"))
        .containsPattern("my-release-milvus-standalone-6d9f\\s+0/1\\s+Pending")
        .contains("condition PodScheduled=False reason=Unschedulable");
  }

  @Test
  void explains_each_cluster_component_and_names_the_one_without_a_target() throws IOException {
    String pool = "serviceMonitor/milvus/my-release-milvus/0";
    StringBuilder active = new StringBuilder();
    for (String component : List.of("mixcoord", "proxy", "datanode", "streamingnode")) {
      active
          .append(active.length() == 0 ? "" : ",")
          .append(
              PrometheusStub.activeTarget(
                  pool,
                  "http://10.42.0.7:9091/metrics",
                  "up",
                  "",
                  "{\"namespace\":\"milvus\",\"app_kubernetes_io_instance\":"
                      + "\"my-release\",\"component\":\""
                      + component
                      + "\"}"));
    }
    prometheus.targets("[" + active + "]", "[]").scrapePools(pool);

    DiagnosticsReport report =
        diagnostics()
            .withMilvusComponents(
                List.of("mixcoord", "proxy", "querynode", "datanode", "streamingnode"))
            .build()
            .write(folder);

    assertThat(read("prometheus-targets.txt"))
        .contains("release my-release in namespace milvus: UP")
        .contains(
            "# Milvus targets by component [mixcoord, proxy, querynode, datanode, streamingnode]\nmixcoord: UP")
        .contains(
            "\nquerynode: NO_ACTIVE_TARGETS: Prometheus scrapes components [datanode, mixcoord, proxy,"
                + " streamingnode] of Milvus release 'my-release' in namespace 'milvus' but has no target for 'querynode'.");
    assertThat(report.mostLikelyProblem())
        .startsWith(
            "Milvus component(s) [querynode] have no healthy scrape while the"
                + " others are up (NO_ACTIVE_TARGETS): Prometheus scrapes components [datanode, mixcoord, proxy, streamingnode]");
  }

  private EnvironmentDiagnostics.Builder diagnostics() {
    return EnvironmentDiagnostics.builder(client)
        .withNamespaces("monitoring", "milvus")
        .withPrometheus(
            PrometheusClient.builder(prometheus.uri())
                .withRequestTimeout(Duration.ofSeconds(5))
                .build())
        .withMilvusSelector(RELEASE)
        .withReleaseStatus(
            () ->
                new MilvusReleaseStatus(
                    "my-release",
                    "milvus",
                    "deployed",
                    "1",
                    "milvus-5.0.19",
                    "v2.6.15",
                    ZonedDateTime.parse("2026-11-24T10:00:00Z")))
        .withValuesYaml(
            () ->
                "cluster:\n  enabled: false\nmetrics:\n  serviceMonitor:\n    enabled: true\n"
                    + "minio:\n  secretKey: planted-secret-value\n");
  }

  private String read(String file) throws IOException {
    return Files.readString(folder.resolve(file));
  }
}
