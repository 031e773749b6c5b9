package io.github.milvusmonitored.cluster;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;

/**
 * What the Docker host tells about a failed k3s start: its cgroup version and the container's log.
 */
final class K3sClusterHost {

  private K3sClusterHost() {}

  /**
   * {@code "1"} or {@code "2"} as {@code docker info} reports it ("Cgroup Version"), or null if
   * unknown.
   */
  static String cgroupVersion() {
    try {
      String version = DockerClientFactory.instance().getInfo().getCGroupVersion();
      return version == null || version.isBlank() ? null : version.strip();
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  /**
   * The container's log so far, or null when it cannot be read (never created, already removed).
   */
  static String logs(ContainerState container) {
    try {
      return container.getContainerId() == null ? null : container.getLogs();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
