package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.access.PortForwardException;
import io.github.milvusmonitored.cluster.ClusterException;
import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.images.ImagePreloadException;
import io.github.milvusmonitored.milvus.MilvusReleaseException;
import io.github.milvusmonitored.prometheus.PrometheusException;
import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.RuleFileException;
import io.github.milvusmonitored.upgrade.UpgradeCheckException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one way a command ends in failure: one paragraph (what happened, the value, the likely cause,
 * what to do, the flag) with the cause chain once, the exit code of the README's table, and a stack
 * trace only with {@code --debug}.
 */
public final class CliFailures {

  /**
   * What the library throws when an input or the environment is wrong, with a message meant for
   * users.
   */
  private static final List<Class<? extends RuntimeException>> EXPECTED =
      List.of(
          EnvironmentStartException.class,
          ClusterException.class,
          KubePrometheusException.class,
          MilvusReleaseException.class,
          PrometheusException.class,
          DashboardException.class,
          UpgradeCheckException.class,
          ImagePreloadException.class,
          PortForwardException.class,
          RuleFileException.class,
          UncheckedIOException.class);

  private final String command;
  private final boolean debug;
  private final PrintStream err;

  public CliFailures(String command, boolean debug, PrintStream err) {
    this.command = command;
    this.debug = debug;
    this.err = err;
  }

  /**
   * Whether the library threw {@code failure} about an input or the environment, not about itself.
   */
  public static boolean expected(Throwable failure) {
    return EXPECTED.stream().anyMatch(type -> type.isInstance(failure));
  }

  /** Prints a usage error and returns {@link CliTexts#USAGE}. */
  public int usage(CliUsageException e) {
    err.println(Secrets.redact(e.getMessage()));
    err.println(CliTexts.helpHint(command));
    trace(e);
    return CliTexts.USAGE;
  }

  /** Prints the paragraph of any failure and returns its exit code. */
  public int report(Throwable failure) {
    if (failure instanceof CliUsageException usage) {
      return usage(usage);
    }
    if (failure instanceof CommandFailure known) {
      err.println(Secrets.redact(known.getMessage()));
      trace(known.getCause() == null ? known : known.getCause());
      return known.exitCode();
    }
    if (expected(failure)) {
      err.println(Secrets.redact(CliTexts.commandFailed(command, CauseChain.describe(failure))));
      trace(failure);
      return CliTexts.FAILED;
    }
    err.println(
        Secrets.redact(
            CliTexts.unexpectedFailure(
                command, CauseChain.describe(failure), failure.getClass().getName())));
    trace(failure);
    return CliTexts.FAILED;
  }

  private void trace(Throwable failure) {
    if (debug) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      err.println("Stack trace (--debug):");
      err.print(Secrets.redact(trace.toString()));
    }
    err.flush();
  }
}
