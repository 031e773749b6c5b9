package io.github.milvusmonitored.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;

/** The k3s containers the library started, by the label {@code K3sCluster} puts on each. */
final class K3sContainers {

  /** The label every k3s container of the library carries, with value {@code k3s}. */
  static final String CLUSTER_LABEL = "io.github.milvusmonitored.cluster";

  /** The label Testcontainers puts on a container it may reuse. */
  private static final String REUSE_HASH_LABEL = "org.testcontainers.hash";

  private K3sContainers() {}

  /**
   * Removes, by force with their anonymous volumes, the k3s containers Testcontainers keeps for
   * reuse.
   */
  static void removeReused(DockerClient docker) {
    List<Container> all =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(CLUSTER_LABEL, "k3s"))
            .exec();
    all.stream()
        .filter(c -> c.getLabels() != null && c.getLabels().containsKey(REUSE_HASH_LABEL))
        .forEach(
            c ->
                docker
                    .removeContainerCmd(c.getId())
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec());
  }
}
