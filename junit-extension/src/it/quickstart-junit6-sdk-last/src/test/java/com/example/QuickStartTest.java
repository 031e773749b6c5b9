package com.example;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.DockerClientFactory;

class QuickStartTest {

  @Test
  void the_quick_start_is_disabled_without_docker_as_readme_says() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(),
        "Docker is available here: the Quick start would start k3s; run it with -Pe2e");

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(MilvusMetricsTest.class))
        .execute()
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(container(MilvusMetricsTest.class), skippedWithReason(
            "Disabled: Docker is not available to start k3s (rancher/k3s:v1.35.0-k3s1) and disabledWithoutDocker is"
                + " true. Start Docker, or point kubeconfig at an existing cluster, to run it.")));
  }
}
