package io.github.milvusmonitored.cli.internal;

import com.github.dockerjava.api.model.Container;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/** Shows the k3s container(s) {@code up} kept, running or stopped, and the kubeconfig copy. */
public final class StatusCommand {

  private final StablePaths paths;

  public StatusCommand(StablePaths paths) {
    this.paths = paths;
  }

  /**
   * Returns {@link CliTexts#DONE} when a kept k3s container runs, {@link CliTexts#NOT_RUNNING} when
   * none does, {@link CliTexts#FAILED} when Docker cannot be reached.
   */
  public int run(PrintStream out, PrintStream err) {
    List<Container> all;
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        err.print(CliTexts.dockerMissing("no Docker environment found"));
        return CliTexts.FAILED;
      }
      all = new ReusedK3sContainers(DockerClientFactory.instance().client()).all();
    } catch (RuntimeException e) {
      err.print(CliTexts.dockerMissing(e.getMessage()));
      return CliTexts.FAILED;
    }
    List<String> running = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    for (Container container : all) {
      if (ReusedK3sContainers.isReused(container)) {
        ("running".equals(container.getState()) ? running : stopped)
            .add(ReusedK3sContainers.describe(container));
      }
    }
    out.print(
        CliTexts.statusReport(
            running, stopped, paths.kubeconfig(), Files.isRegularFile(paths.kubeconfig())));
    return running.isEmpty() ? CliTexts.NOT_RUNNING : CliTexts.DONE;
  }
}
