package io.github.milvusmonitored.images;

import io.github.milvusmonitored.cluster.K3sCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The node images are imported into: it runs {@code ctr} and receives archives. {@link
 * ImagePreloader#into(K3sCluster)} uses the k3s container; {@link ImagePreloader#of(ImageTarget,
 * ImageHost)} takes any node whose containerd can be reached this way.
 */
public interface ImageTarget {

  /** Runs a command inside the node. */
  Outcome exec(List<String> command) throws IOException, InterruptedException;

  /** Copies a host file to a path inside the node. */
  void copy(Path hostFile, String containerPath);

  /**
   * The result of a command.
   *
   * @param exitCode the exit code
   * @param stdout what it printed
   * @param stderr what it printed as errors
   */
  record Outcome(int exitCode, String stdout, String stderr) {}
}
