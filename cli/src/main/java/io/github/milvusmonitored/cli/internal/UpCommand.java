package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Brings the environment up, prints where everything is, and holds the port-forwards open until the
 * JVM is stopped (Ctrl-C, SIGTERM); a shutdown hook closes the environment. On k3s (kept across
 * runs, needs Testcontainers reuse and a Docker host that can run privileged containers) everything
 * stays installed. On an existing cluster ({@code --kubeconfig} / {@code --context}) the hook
 * removes the objects this run installed, unless {@code --keep}.
 */
public final class UpCommand {

  /** Exit code when Testcontainers reuse is off. */
  public static final int REUSE_NOT_ENABLED = CliTexts.REUSE_NOT_ENABLED;

  private final BooleanSupplier reuseEnabled;
  private final BooleanSupplier dockerAvailable;
  private final Path userConfigFile;
  private final StablePaths paths;

  public UpCommand(
      BooleanSupplier reuseEnabled,
      BooleanSupplier dockerAvailable,
      Path userConfigFile,
      StablePaths paths) {
    this.reuseEnabled = reuseEnabled;
    this.dockerAvailable = dockerAvailable;
    this.userConfigFile = userConfigFile;
    this.paths = paths;
  }

  /**
   * Reads reuse from Testcontainers' configuration (environment variable, then user properties
   * file).
   */
  public static UpCommand create(StablePaths paths) {
    return new UpCommand(
        () -> TestcontainersConfiguration.getInstance().environmentSupportsReuse(),
        () -> DockerClientFactory.instance().isDockerAvailable(),
        Path.of(System.getProperty("user.home"), ".testcontainers.properties"),
        paths);
  }

  /** Returns the exit code when it cannot start; once up it blocks until the JVM is stopped. */
  public int run(CliArguments arguments, PrintStream out, PrintStream err)
      throws InterruptedException {
    if (!arguments.existingCluster()) {
      int refused = checkDocker(err);
      if (refused != 0) {
        return refused;
      }
    }
    MonitoredEnvironment env;
    try {
      env = MonitoredEnvironments.start(arguments.environmentConfig(paths.reportDirectory()));
    } catch (RuntimeException e) {
      if (!CliFailures.expected(e)) {
        throw e;
      }
      throw new CommandFailure(
          CliTexts.upFailed(
              CauseChain.describe(e),
              e instanceof EnvironmentStartException s ? s.phase() : null,
              arguments.existingCluster(),
              arguments.keep()),
          e);
    }
    // On k3s the kubeconfig is copied to a stable path 'down' deletes; an existing cluster's is the
    // user's own.
    Path kubeconfig =
        arguments.existingCluster()
            ? env.kubeconfigFile()
            : paths.copyKubeconfig(env.kubeconfigFile());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  env.close();
                  stopped.countDown();
                },
                "milvus-monitored-up-shutdown"));
    out.print(
        UpSummary.of(env, kubeconfig, arguments.existingCluster(), arguments.keep()).format());
    out.flush();
    stopped.await();
    return 0;
  }

  /** k3s needs Testcontainers reuse (to be kept) and Docker; returns 0 when both are there. */
  private int checkDocker(PrintStream err) {
    if (!reuseEnabled.getAsBoolean()) {
      err.print(CliTexts.reuseNotEnabled(userConfigFile));
      return REUSE_NOT_ENABLED;
    }
    boolean docker;
    try {
      docker = dockerAvailable.getAsBoolean();
    } catch (RuntimeException e) {
      err.print(CliTexts.dockerMissing(e.getMessage()));
      return 1;
    }
    if (!docker) {
      err.print(CliTexts.dockerMissing("no Docker environment found"));
      return 1;
    }
    return 0;
  }
}
