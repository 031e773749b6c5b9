package io.github.milvusmonitored.images.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The k3s node images are loaded into: runs commands and receives files. */
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
