package io.github.milvusmonitored.cli.internal;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleLogger;
import org.slf4j.simple.SimpleLoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * The logging of the runnable jar: slf4j-simple as configured in {@code simplelogger.properties},
 * but a line logged with an exception shows that exception's cause chain in one line per cause
 * instead of its stack trace (the trace only with {@code --debug}), and secrets are masked.
 * Uncaught exceptions of other threads and {@code java.util.logging} get the same treatment.
 */
public final class CliLogging extends SimpleServiceProvider {

  private static volatile boolean debug;

  private ILoggerFactory factory;

  /** Makes this the SLF4J provider of the process; call before the first logger is made. */
  public static void install(boolean withStackTraces) {
    debug = withStackTraces;
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", CliLogging.class.getName());
      // SLF4J would otherwise say on stderr that it loads the provider named by slf4j.provider.
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) -> {
          System.err.println(
              Secrets.redact(
                  "Thread '"
                      + thread.getName()
                      + "' failed: "
                      + CauseChain.describe(failure)
                      + " ("
                      + failure.getClass().getName()
                      + ")"
                      + (debug ? "" : "; --debug shows the stack trace")));
          if (debug) {
            failure.printStackTrace();
          }
        });
    if (!withStackTraces) {
      java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
      for (Handler handler : root.getHandlers()) {
        handler.setFormatter(
            new SimpleFormatter() {
              @Override
              public String format(LogRecord record) {
                Throwable thrown = record.getThrown();
                record.setThrown(null);
                String line = super.format(record);
                return Secrets.redact(
                    thrown == null ? line : line + causes(thrown) + System.lineSeparator());
              }
            });
      }
    }
  }

  @Override
  public void initialize() {
    super.initialize();
    factory =
        new SimpleLoggerFactory() {
          @Override
          protected Logger createLogger(String name) {
            return new CliLogger(name);
          }
        };
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  private static String causes(Throwable failure) {
    return "  "
        + failure.getClass().getSimpleName()
        + ": "
        + CauseChain.describe(failure)
        + " (--debug shows the stack trace)";
  }

  /** slf4j-simple's logger with masked secrets and, without {@code --debug}, no stack traces. */
  private static final class CliLogger extends SimpleLogger {

    CliLogger(String name) {
      super(name);
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String message = Secrets.redact(MessageFormatter.basicArrayFormat(pattern, arguments));
      super.handleNormalizedLoggingCall(level, marker, message, null, throwable);
    }

    @Override
    protected void writeThrowable(java.lang.Throwable failure, java.io.PrintStream target) {
      if (failure == null) {
        return;
      }
      if (debug) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        target.print(Secrets.redact(trace.toString()));
      } else {
        target.println(Secrets.redact(causes(failure)));
      }
    }
  }
}
