package io.github.milvusmonitored.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/** What a failure's cause chain says: its root, a refused connection, a timeout. */
public final class Causes {

  private Causes() {}

  /** The last cause of the chain, {@code failure} itself when it has none. */
  public static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** {@code SimpleName: message}, or the simple name alone when there is no message. */
  public static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * Whether the chain holds a refused connection: nothing listens at the address, as opposed to a
   * timeout, a missing route or an unknown host.
   */
  public static boolean isRefused(Throwable failure) {
    // Java 17's client reports a refused connect as a ConnectException without a message (its cause
    // a
    // ClosedChannelException); other connect failures name themselves.
    boolean connect = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return false;
      }
      if (t instanceof ConnectException) {
        if (t.getMessage() != null
            && !t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
          return false;
        }
        connect = true;
      }
    }
    return connect;
  }

  /** Whether the chain holds an HTTP or socket timeout. */
  public static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
