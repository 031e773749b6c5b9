package io.github.milvusmonitored.cli;

import io.github.milvusmonitored.cli.internal.AuditCommand;
import io.github.milvusmonitored.cli.internal.CaptureCatalogueCommand;
import io.github.milvusmonitored.cli.internal.CheckUpgradeCommand;
import io.github.milvusmonitored.cli.internal.CliArguments;
import io.github.milvusmonitored.cli.internal.CliFailures;
import io.github.milvusmonitored.cli.internal.CliLogging;
import io.github.milvusmonitored.cli.internal.CliTexts;
import io.github.milvusmonitored.cli.internal.DownCommand;
import io.github.milvusmonitored.cli.internal.GlobalOptions;
import io.github.milvusmonitored.cli.internal.ImagesCommand;
import io.github.milvusmonitored.cli.internal.StablePaths;
import io.github.milvusmonitored.cli.internal.StatusCommand;
import io.github.milvusmonitored.cli.internal.UpCommand;
import java.io.PrintStream;
import java.util.List;

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
 * <p>Exit codes: 0 done, 1 failed (Docker missing, start failed, an input unreadable, a server that
 * refuses or does not answer in time, images not listed, an unexpected failure), 2 bad command line
 * (unknown command or option, a missing or invalid value), 3 reuse not enabled ({@code up} on k3s),
 * 4 nothing running ({@code status}), panels without data ({@code audit}) or selectors that break
 * ({@code check-upgrade}), 130 / 143 {@code up} stopped by SIGINT / SIGTERM (the JVM's 128 +
 * signal). A failure prints one paragraph and its causes; {@code --debug}, accepted by every
 * command, adds the stack trace.
 */
public final class MilvusMonitoredCli {

  /** Exit code of a command line that cannot be parsed. */
  public static final int USAGE = CliTexts.USAGE;

  private MilvusMonitoredCli() {}

  public static void main(String[] args) {
    CliLogging.install(GlobalOptions.of(args).debug());
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (InterruptedException e) {
      code = CliTexts.FAILED;
    }
    System.out.flush();
    // Exit explicitly: Docker and Helm clients may leave non-daemon threads behind.
    System.exit(code);
  }

  /**
   * Runs one command line; returns the exit code. Whatever a command throws ends here as one
   * paragraph (and, with {@code --debug}, the stack trace), never as an uncaught exception.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    GlobalOptions global = GlobalOptions.of(args);
    CliFailures failures = new CliFailures(global.command(), global.debug(), err);
    try {
      return dispatch(global, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    } catch (RuntimeException | Error e) {
      return failures.report(e);
    }
  }

  private static int dispatch(GlobalOptions global, PrintStream out, PrintStream err)
      throws InterruptedException {
    List<String> rest = global.commandArgs();
    switch (global.command()) {
      case "audit" -> {
        return new AuditCommand().run(rest, out, err);
      }
      case "check-upgrade" -> {
        return new CheckUpgradeCommand().run(rest, out, err);
      }
      case "capture-catalogue" -> {
        return new CaptureCatalogueCommand().run(rest, out, err);
      }
      default -> {
        // up, down, status, images and the help
      }
    }
    CliArguments arguments = CliArguments.parse(global.args().toArray(String[]::new));
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
