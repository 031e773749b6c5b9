package io.github.milvusmonitored.cli;

import io.github.milvusmonitored.cli.internal.AuditCommand;
import io.github.milvusmonitored.cli.internal.CaptureCatalogueCommand;
import io.github.milvusmonitored.cli.internal.CheckUpgradeCommand;
import io.github.milvusmonitored.cli.internal.CliArguments;
import io.github.milvusmonitored.cli.internal.CliTexts;
import io.github.milvusmonitored.cli.internal.CliUsageException;
import io.github.milvusmonitored.cli.internal.DownCommand;
import io.github.milvusmonitored.cli.internal.ImagesCommand;
import io.github.milvusmonitored.cli.internal.StablePaths;
import io.github.milvusmonitored.cli.internal.StatusCommand;
import io.github.milvusmonitored.cli.internal.UpCommand;
import java.io.PrintStream;

/**
 * Reproduces the monitored environment on a workstation: {@code up} starts k3s with kube-prometheus
 * and Milvus and keeps it for the next run, {@code status} shows it, {@code down} removes it,
 * {@code images} lists the images, {@code audit} audits a Grafana dashboard against the running
 * environment's Prometheus, {@code check-upgrade} checks rule files, dashboards or lists of PromQL
 * written for one Milvus release against another, {@code capture-catalogue} writes the metric
 * catalogue of a running Milvus.
 *
 * <p>The artifact {@code io.github.milvusmonitored:milvus-monitored-cli} is this command line as
 * one runnable jar, with an SLF4J binding for the progress lines:
 *
 * <pre>{@code
 * java -jar milvus-monitored-cli-<version>.jar up
 * java -jar milvus-monitored-cli-<version>.jar down
 * }</pre>
 *
 * {@code up} on k3s needs Docker able to run privileged containers and pull images, and
 * Testcontainers reuse ({@code testcontainers.reuse.enable=true}); {@code up --kubeconfig=<file>}
 * (or {@code --context}) uses an existing cluster instead and removes what it installed when
 * stopped, unless {@code --keep}. It blocks until Ctrl-C or SIGTERM.
 *
 * <p>Exit codes: 0 done, 1 failed (Docker missing, start failed, images not listed), 2 bad command
 * line, 3 reuse not enabled ({@code up} on k3s), 4 nothing running ({@code status}), panels without
 * data ({@code audit}) or selectors that break ({@code check-upgrade}), 130 / 143 {@code up}
 * stopped by SIGINT / SIGTERM (the JVM's 128 + signal).
 */
public final class MilvusMonitoredCli {

  /** Exit code of a command line that cannot be parsed. */
  public static final int USAGE = CliTexts.USAGE;

  private MilvusMonitoredCli() {}

  public static void main(String[] args) throws InterruptedException {
    // Exit explicitly: Docker and Helm clients may leave non-daemon threads behind.
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length > 0 && args[0].equals("audit")) {
      return new AuditCommand()
          .run(java.util.Arrays.asList(args).subList(1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("check-upgrade")) {
      return new CheckUpgradeCommand()
          .run(java.util.Arrays.asList(args).subList(1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("capture-catalogue")) {
      return new CaptureCatalogueCommand()
          .run(java.util.Arrays.asList(args).subList(1, args.length), out, err);
    }
    CliArguments arguments;
    try {
      arguments = CliArguments.parse(args);
    } catch (CliUsageException e) {
      err.println(e.getMessage());
      err.println("Run with --help for the usage.");
      return USAGE;
    }
    StablePaths paths = StablePaths.inUserHome();
    return switch (arguments.command()) {
      case HELP -> {
        out.print(CliTexts.usage());
        yield 0;
      }
      case UP -> UpCommand.create(paths).run(arguments, out, err);
      case DOWN -> new DownCommand(paths).run(out, err);
      case STATUS -> new StatusCommand(paths).run(out, err);
      case IMAGES -> ImagesCommand.run(arguments.passThrough(), out, err);
    };
  }
}
