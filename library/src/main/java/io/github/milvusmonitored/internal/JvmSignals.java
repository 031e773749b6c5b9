package io.github.milvusmonitored.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps Ctrl-C (SIGINT) and SIGTERM working after a native Helm call.
 *
 * <p>helm-java 0.0.21's native install path (also reached by {@code template} and by {@code upgrade
 * --install} of a new release) calls Go's {@code signal.Notify} for SIGINT and SIGTERM (read in its
 * source, {@code native/internal/helm/install.go}; helm-java issue #409). The Go runtime then owns
 * those signals for the rest of the process: the JVM never sees them and its shutdown hooks never
 * run. {@link #around(Supplier)} hands them back to the JVM's own handlers when the call ends, and
 * every {@value #REINSTALL_PERIOD_MS} ms while a long call (an install that waits) still runs.
 *
 * <p>SIGQUIT (thread dumps) belongs to the JVM itself and cannot be taken back from Java; after a
 * native install it goes to Go.
 */
public final class JvmSignals {

  private static final Logger LOG = LoggerFactory.getLogger(JvmSignals.class);
  static final long REINSTALL_PERIOD_MS = 200;
  private static final Map<Signal, SignalHandler> JVM_HANDLERS = capture("INT", "TERM");

  private JvmSignals() {}

  /**
   * Runs a native Helm call and gives SIGINT and SIGTERM back to the JVM while and after it runs.
   */
  public static <T> T around(Supplier<T> nativeCall) {
    Thread keeper =
        DaemonThreads.start("milvus-monitored-jvm-signals", JvmSignals::keepReinstalling);
    try {
      return nativeCall.get();
    } finally {
      keeper.interrupt();
      reinstall();
    }
  }

  /** Same as {@link #around(Supplier)} for a call without a result. */
  public static void around(Runnable nativeCall) {
    around(
        () -> {
          nativeCall.run();
          return null;
        });
  }

  /**
   * Puts the JVM's handlers of SIGINT and SIGTERM back in place at the operating-system level, and
   * the ignore of a signal that was ignored when the JVM started.
   */
  public static synchronized void reinstall() {
    JVM_HANDLERS.forEach(
        (signal, handler) -> {
          try {
            Signal.handle(signal, handler);
          } catch (IllegalArgumentException e) {
            LOG.debug(
                "cannot reinstall the JVM's handler of SIG{}: {}",
                signal.getName(),
                e.getMessage());
          }
        });
  }

  private static void keepReinstalling() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(REINSTALL_PERIOD_MS);
        reinstall();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads the JVM's current Java-level handler of each signal by swapping in a placeholder and
   * putting it straight back; both are Java handlers, so the operating-system handler stays the
   * JVM's throughout. A signal ignored when the JVM started (a background job of a non-interactive
   * shell ignores SIGINT) is recorded as {@code SIG_IGN}, so that it is ignored again after a
   * native call: Go's {@code signal.Notify} replaces the ignore with Go's own handler, which would
   * take the signal without stopping the process and make it look as if it were handled. Signals
   * the JVM does not handle at all ({@code -Xrs}) are left alone.
   */
  private static Map<Signal, SignalHandler> capture(String... names) {
    Map<Signal, SignalHandler> handlers = new LinkedHashMap<>();
    SignalHandler placeholder = signal -> {};
    for (String name : names) {
      try {
        Signal signal = new Signal(name);
        SignalHandler current = Signal.handle(signal, placeholder);
        Signal.handle(signal, current);
        if (current != SignalHandler.SIG_DFL) {
          handlers.put(signal, current);
        }
      } catch (IllegalArgumentException e) {
        LOG.debug("the JVM does not handle SIG{}: {}", name, e.getMessage());
      }
    }
    return Map.copyOf(handlers);
  }
}
