package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's network keeps every packet on this machine: nothing in the lab routes anywhere but the
 * lab.
 */
@ExtendWith(LabExtension.class)
class LabNetworkIT {

  @Test
  void nothing_inside_the_lab_routes_outside_it(Lab lab) {
    // "ip route get" asks the kernel which way a packet would go; it sends none.
    assertThat(lab.network().routeFromLab("192.0.2.1")).contains("unreachable");
    assertThat(lab.network().routeFromLab("10.1.2.3")).contains("unreachable");
    assertThat(lab.network().labRoutes()).doesNotContain("default");
  }

  @Test
  void the_service_range_is_blackholed_inside_the_lab(Lab lab) {
    assertThat(lab.network().labRoutes()).contains("blackhole " + LabNetwork.SERVICE_CIDR);
    assertThat(lab.network().routeFromLab(LabNetwork.address(64, 10)))
        .doesNotContain("via")
        .doesNotContain("dev");
  }

  @Test
  void the_host_reaches_lab_addresses_only_through_the_labs_veth(Lab lab) {
    String veth = "mmh" + lab.network().name().substring("mmlab-".length());
    assertThat(lab.network().routeFromHost(LabNetwork.LAB_ADDRESS)).contains("dev " + veth);
    assertThat(lab.network().routeFromHost(LabNetwork.address(1, 200))).contains("dev " + veth);
    assertThat(lab.network().routeFromHost(LabNetwork.KUBERNETES_SERVICE)).contains("dev " + veth);
  }

  @Test
  void the_other_slots_addresses_are_unreachable_from_the_host_unless_their_lab_runs(Lab lab) {
    // Slot 1 is 198.18.0.0/17, 4 is 198.19.128.0/17: whichever this lab is not in.
    String other = LabNetwork.SLOT == 4 ? "198.18.0.2" : "198.19.128.2";
    // "ip route get" on an unreachable route answers "No route to host".
    assertThat(lab.network().routeFromHost(other))
        .containsAnyOf("No route to host", "unreachable", "dev mmh");
    assertThat(lab.network().routeFromHost(other)).doesNotContain("via");
  }

  @Test
  void the_api_server_is_version_stamped_and_enforces_rbac(Lab lab) {
    assertThat(lab.client().getKubernetesVersion().getGitVersion())
        .isEqualTo(lab.programs().versions().get("kube-apiserver"));
    assertThat(lab.client().rbac().clusterRoles().withName("cluster-admin").get()).isNotNull();
  }
}
