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
 * Brings the environment up with k3s kept across runs, prints where everything is, and holds the
 * port-forwards open until the JVM is stopped (Ctrl-C); a shutdown hook closes the forwards and leaves
 * k3s and everything installed. Needs a Docker host that can run privileged containers and pull the
 * k3s, kube-prometheus and Milvus images.
 */
public final class UpCommand {

  /** Exit code when Testcontainers reuse is off. */
  public static final int REUSE_NOT_ENABLED = CliTexts.REUSE_NOT_ENABLED;

  private final BooleanSupplier reuseEnabled;
  private final BooleanSupplier dockerAvailable;
  private final Path userConfigFile;
  private final StablePaths paths;

  public UpCommand(BooleanSupplier reuseEnabled, BooleanSupplier dockerAvailable, Path userConfigFile, StablePaths paths) {
    this.reuseEnabled = reuseEnabled;
    this.dockerAvailable = dockerAvailable;
    this.userConfigFile = userConfigFile;
    this.paths = paths;
  }

  /** Reads reuse from Testcontainers' configuration (environment variable, then user properties file). */
  public static UpCommand create(StablePaths paths) {
    return new UpCommand(() -> TestcontainersConfiguration.getInstance().environmentSupportsReuse(),
        () -> DockerClientFactory.instance().isDockerAvailable(),
        Path.of(System.getProperty("user.home"), ".testcontainers.properties"), paths);
  }

  /** Returns the exit code when it cannot start; once up it blocks until the JVM is stopped. */
  public int run(CliArguments arguments, PrintStream out, PrintStream err) throws InterruptedException {
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
    MonitoredEnvironment env;
    try {
      env = MonitoredEnvironments.start(arguments.environmentConfig(paths.reportDirectory()));
    } catch (EnvironmentStartException e) {
      err.println(CauseChain.describe(e));
      err.println("Everything is left as it is for inspection; 'down' removes it.");
      return 1;
    }
    Path kubeconfig = paths.copyKubeconfig(env.kubeconfigFile());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      env.close();
      stopped.countDown();
    }, "milvus-monitored-up-shutdown"));
    out.print(UpSummary.of(env, kubeconfig).format());
    out.flush();
    stopped.await();
    return 0;
  }
}
