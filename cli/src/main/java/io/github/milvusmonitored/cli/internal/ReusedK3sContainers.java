package io.github.milvusmonitored.cli.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;

/**
 * The k3s containers this library started, found by their label in the Docker engine Testcontainers
 * uses. Reused ones (kept by {@code up}) carry Testcontainers' reuse hash label; those of running
 * tests do not, and Testcontainers removes them itself.
 */
public final class ReusedK3sContainers {

  /** The label every k3s container of this library carries, with value {@code k3s}. */
  public static final String CLUSTER_LABEL = "io.github.milvusmonitored.cluster";

  /** The label Testcontainers puts on a container it may reuse. */
  public static final String REUSE_HASH_LABEL = "org.testcontainers.hash";

  private final DockerClient docker;

  public ReusedK3sContainers(DockerClient docker) {
    this.docker = docker;
  }

  /** Every k3s container of this library, running or stopped. */
  public List<Container> all() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(CLUSTER_LABEL, "k3s"))
        .exec();
  }

  /** Whether Testcontainers keeps {@code container} across JVMs. */
  public static boolean isReused(Container container) {
    return container.getLabels() != null && container.getLabels().containsKey(REUSE_HASH_LABEL);
  }

  /** Removes the container by force with its anonymous volumes; returns its description. */
  public String remove(Container container) {
    docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
    return describe(container);
  }

  /**
   * For example {@code k3s container 1a2b3c4d5e6f (rancher/k3s:v1.35.0-k3s1, /eager_turing, Up 2
   * hours)}.
   */
  public static String describe(Container container) {
    String id =
        container.getId().length() > 12 ? container.getId().substring(0, 12) : container.getId();
    String name =
        container.getNames() == null || container.getNames().length == 0
            ? ""
            : container.getNames()[0] + ", ";
    return "k3s container "
        + id
        + " ("
        + container.getImage()
        + ", "
        + name
        + container.getStatus()
        + ")";
  }
}
