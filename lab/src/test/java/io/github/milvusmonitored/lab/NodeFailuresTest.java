package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeFailuresTest {

  @Test
  void names_cgroup_v1_refused_by_the_kubelet() {
    assertThat(
            NodeFailures.cause(
                "E1205 run.go:72] \"command failed\" err=\"failed to run Kubelet: kubelet is"
                    + " configured to not run on a host using cgroup v1. cgroup v1 support is unsupported and will be removed\""))
        .startsWith(
            "Likely cause: the kubelet refuses cgroup v1 unless its configuration says failCgroupV1: false");
  }

  @Test
  void names_hidden_cgroup_mounts_and_a_port_in_use() {
    assertThat(
            NodeFailures.cause(
                "failed to get mounted cgroup subsystems: failed to find cgroup mounts"))
        .contains("hides them");
    assertThat(NodeFailures.cause("listen tcp 198.18.0.2:10250: bind: address already in use"))
        .contains("a port the program needs is in use in the lab's network namespace");
  }

  @Test
  void says_nothing_for_a_log_without_a_known_cause() {
    assertThat(NodeFailures.cause("I1205 server.go:1] started")).isEmpty();
  }
}
