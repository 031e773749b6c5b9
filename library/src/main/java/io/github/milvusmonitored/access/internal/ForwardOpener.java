package io.github.milvusmonitored.access.internal;

import java.io.IOException;

/**
 * Opens one forward from a local port to a pod; what {@link ReconnectingForward} re-runs when it
 * drops.
 */
public interface ForwardOpener {

  /**
   * Opens a forward listening on {@code localPort} (0 for any free port).
   *
   * @param preferredPod the pod used so far, kept if it is still ready; null on the first open
   */
  OpenForward open(int localPort, String preferredPod) throws IOException;

  /** What is forwarded, for log lines and messages. */
  String describe();

  /** One open forward. */
  interface OpenForward extends AutoCloseable {
    /** The local port it listens on. */
    int localPort();

    /** The pod it forwards to. */
    String pod();

    /** Null while it works; otherwise why it must be re-established. */
    String problem();

    @Override
    void close();
  }
}
