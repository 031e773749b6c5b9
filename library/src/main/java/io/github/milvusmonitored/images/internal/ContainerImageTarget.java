package io.github.milvusmonitored.images.internal;

import io.github.milvusmonitored.images.ImageTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.utility.MountableFile;

/** A k3s container reached through Testcontainers. */
public final class ContainerImageTarget implements ImageTarget {

  private final ContainerState container;

  public ContainerImageTarget(ContainerState container) {
    this.container = container;
  }

  @Override
  public Outcome exec(List<String> command) throws IOException, InterruptedException {
    Container.ExecResult result = container.execInContainer(command.toArray(String[]::new));
    return new Outcome(result.getExitCode(), result.getStdout(), result.getStderr());
  }

  @Override
  public void copy(Path hostFile, String containerPath) {
    container.copyFileToContainer(MountableFile.forHostPath(hostFile), containerPath);
  }
}
