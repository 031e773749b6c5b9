package io.github.milvusmonitored.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.cluster.internal.ClusterErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The k3s start failure names the cgroup version when that is the cause. */
class K3sStartFailureMessageTest {

  private static final RuntimeException TIMEOUT =
      new IllegalStateException("Timed out waiting for log output");
  // The kubelet's error as Kubernetes v1.35.0 formats it (cmd/kubelet/app/server.go,
  // validation_linux.go).
  private static final String KUBELET_LOG =
      """
      time="2026-12-01T10:00:01Z" level=info msg="Starting k3s v1.35.0+k3s1"
      E1201 10:00:05.123456      58 run.go:72] "command failed" err="failed to validate kubelet configuration,\
       error: kubelet is configured to not run on a host using cgroup v1. cgroup v1 support is unsupported and will\
       be removed in a future release, path: &TypeMeta{Kind:,APIVersion:,}"
      """;

  @Test
  void names_cgroup_v1_and_the_ways_out_when_the_kubelet_refused_it() {
    ClusterException e =
        ClusterErrors.k3sFailed(
            "rancher/k3s:v1.35.0-k3s1", Duration.ofMinutes(3), TIMEOUT, "1", KUBELET_LOG);

    assertThat(e.getMessage())
        .isEqualTo(
            "k3s (rancher/k3s:v1.35.0-k3s1) did not start within 180 s:"
                + " IllegalStateException: Timed out waiting for log output. The Docker host runs cgroup v1 and the kubelet"
                + " refused it: its log says 'kubelet is configured to not run on a host using cgroup v1'. milvus-monitored"
                + " passes --kubelet-arg=fail-cgroupv1=false to k3s v1.31 and later, so this image's kubelet ignores or lacks"
                + " that setting. Move the Docker host to cgroup v2 (kernel argument systemd.unified_cgroup_hierarchy=1; on"
                + " WSL2 kernelCommandLine = cgroup_no_v1=all in .wslconfig; 'docker info' then shows Cgroup Version: 2), or"
                + " choose another k3s image (k3sImage, MILVUS_MONITORED_K3S_IMAGE).");
  }

  @Test
  void points_at_cgroup_v1_when_the_host_runs_it_and_the_log_is_silent() {
    ClusterException e =
        ClusterErrors.k3sFailed(
            "rancher/k3s:v1.35.0-k3s1", Duration.ofMinutes(3), TIMEOUT, "1", null);

    assertThat(e.getMessage())
        .contains(
            "The Docker host runs cgroup v1 ('docker info': Cgroup Version: 1), which"
                + " Kubernetes 1.35 and later refuse unless told otherwise; milvus-monitored passes"
                + " --kubelet-arg=fail-cgroupv1=false, so look in the container's log for 'cgroup v1' before anything else,"
                + " and prefer a cgroup v2 host. k3s runs privileged");
  }

  @Test
  void says_nothing_of_cgroups_on_a_cgroup_v2_host() {
    ClusterException e =
        ClusterErrors.k3sFailed(
            "rancher/k3s:v1.35.0-k3s1",
            Duration.ofMinutes(3),
            TIMEOUT,
            "2",
            "level=info msg=\"Starting k3s\"");

    assertThat(e.getMessage())
        .doesNotContain("cgroup")
        .endsWith(
            "k3s runs privileged: rootless Docker and some CI"
                + " runners refuse that. A first start also pulls the image (about 70 MB); pull it beforehand with"
                + " 'docker pull rancher/k3s:v1.35.0-k3s1'.");
  }
}
