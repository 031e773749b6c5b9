package io.github.milvusmonitored.access.internal;

import io.fabric8.kubernetes.client.PortForward;
import io.github.milvusmonitored.internal.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Listens on a loopback port and forwards each accepted connection on its own stream, keeping each
 * connection's outcome apart.
 *
 * <p>fabric8 7.5.2's {@code LocalPortForward.errorOccurred()} is true once any connection it ever
 * accepted had an error, and it keeps every handle forever (read in PortForwarderWebsocket): a
 * forward judged by it is torn down, with its healthy streams, after one dropped connection. Here
 * the forward is broken only when its newest connection failed on the server side and no other
 * connection still works: a new connection that fails, not a past one.
 */
final class ForwardListener implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Function<SocketChannel, PortForward> forwarder;
  private final List<PortForward> alive = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile PortForward newest;
  private volatile boolean closed;

  private ForwardListener(
      ServerSocketChannel server, Function<SocketChannel, PortForward> forwarder) {
    this.server = server;
    this.forwarder = forwarder;
    this.acceptor =
        DaemonThreads.thread("milvus-monitored-forward-accept-" + localPort(), this::accept);
  }

  /**
   * Listens on {@code localPort} of the loopback address (0 for a free one); forwards each
   * connection.
   */
  static ForwardListener listen(int localPort, Function<SocketChannel, PortForward> forwarder)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      // Re-established forwards bind the same port again at once.
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      // Loopback only: a forward into the cluster must not be reachable from the network.
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    } catch (IOException e) {
      server.close();
      throw e;
    }
    ForwardListener listener = new ForwardListener(server, forwarder);
    listener.acceptor.start();
    return listener;
  }

  int localPort() {
    return server.socket().getLocalPort();
  }

  private void accept() {
    while (!closed) {
      SocketChannel socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        closed = true;
        return;
      }
      try {
        PortForward stream = forwarder.apply(socket);
        alive.removeIf(f -> !f.isAlive());
        alive.add(stream);
        newest = stream;
      } catch (RuntimeException e) {
        closeQuietly(socket);
      }
    }
  }

  /** Null while the forward works; otherwise why it must be re-established. */
  String problem() {
    if (closed || !server.isOpen()) {
      return "the local listener stopped";
    }
    PortForward last = newest;
    if (last == null || last.isAlive() || last.getServerThrowables().isEmpty()) {
      return null;
    }
    if (alive.stream().anyMatch(f -> f != last && f.isAlive())) {
      return null;
    }
    List<String> errors = new ArrayList<>();
    last.getServerThrowables().forEach(t -> errors.add(describe(t)));
    return "its newest connection failed and no other connection is open: "
        + errors.stream().distinct().limit(3).toList();
  }

  /** How many accepted connections are still forwarding. */
  int openConnections() {
    return (int) alive.stream().filter(PortForward::isAlive).count();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // nothing is left to release
    }
    for (PortForward stream : alive) {
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // a stream that already ended may refuse to close again
      }
    }
  }

  private static String describe(Throwable t) {
    StringBuilder out = new StringBuilder(t.getClass().getSimpleName());
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getMessage() != null) {
        out.append(": ").append(c.getMessage());
        break;
      }
    }
    return out.toString();
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the connection is dropped either way
    }
  }
}
