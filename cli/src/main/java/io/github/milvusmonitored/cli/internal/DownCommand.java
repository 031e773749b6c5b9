package io.github.milvusmonitored.cli.internal;

import com.github.dockerjava.api.model.Container;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/** Removes the k3s container(s) {@code up} kept, their volumes, and the kubeconfig copy. */
public final class DownCommand {

  private final StablePaths paths;

  public DownCommand(StablePaths paths) {
    this.paths = paths;
  }

  /** Returns the exit code: 0, or 1 when Docker cannot be reached. */
  public int run(PrintStream out, PrintStream err) {
    ReusedK3sContainers containers;
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        err.print(CliTexts.dockerMissing("no Docker environment found"));
        return 1;
      }
      containers = new ReusedK3sContainers(DockerClientFactory.instance().client());
    } catch (RuntimeException e) {
      err.print(CliTexts.dockerMissing(e.getMessage()));
      return 1;
    }
    List<String> removed = new ArrayList<>();
    int leftAlone = 0;
    for (Container container : containers.all()) {
      if (ReusedK3sContainers.isReused(container)) {
        removed.add(containers.remove(container));
      } else {
        leftAlone++;
      }
    }
    boolean deleted = paths.deleteKubeconfig();
    out.print(CliTexts.downReport(removed, leftAlone, paths.kubeconfig(), deleted));
    return 0;
  }
}
