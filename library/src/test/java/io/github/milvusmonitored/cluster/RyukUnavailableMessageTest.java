package io.github.milvusmonitored.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.cluster.internal.ClusterErrors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerFetchException;

/**
 * Testcontainers' failure to pull Ryuk (its words read in Testcontainers 2.0.5's RemoteDockerImage
 * and GenericContainer; not run here, where no Docker engine runs) becomes one message with the
 * ways out.
 */
class RyukUnavailableMessageTest {

  private static final RuntimeException PULL_FAILED =
      new ContainerFetchException(
          "Can't get Docker image: RemoteDockerImage(imageName=testcontainers/ryuk:0.14.0, imagePullPolicy=DefaultPullPolicy())",
          new ContainerFetchException(
              "Failed to pull image: testcontainers/ryuk:0.14.0",
              new RuntimeException(
                  "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host")));

  @Test
  void a_ryuk_pull_failure_is_recognised_and_other_failures_are_not() {
    assertThat(ClusterErrors.isRyukFailure(PULL_FAILED)).isTrue();
    assertThat(
            ClusterErrors.isRyukFailure(
                new IllegalStateException("Could not find a valid Docker environment")))
        .isFalse();
  }

  @Test
  void names_the_image_the_cause_and_every_way_out() {
    ClusterException e = ClusterErrors.ryukUnavailable("testcontainers/ryuk:0.14.0", PULL_FAILED);

    assertThat(e.getMessage())
        .isEqualTo(
            "Testcontainers could not start its resource reaper Ryuk (image"
                + " testcontainers/ryuk:0.14.0): RuntimeException: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup"
                + " registry-1.docker.io: no such host. Without a registry that serves that image, either set"
                + " TESTCONTAINERS_RYUK_DISABLED=true (containers this run starts are then removed by its own close, not by"
                + " Ryuk when the JVM dies), or name a copy your registry has: ryuk.container.image=<image> in"
                + " ~/.testcontainers.properties, or TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX=<mirror>/ for every Docker Hub"
                + " image. Testcontainers retries a pull for TESTCONTAINERS_PULL_TIMEOUT seconds (120 by default) before it"
                + " gives up.");
    assertThat(e).hasCause(PULL_FAILED);
  }
}
