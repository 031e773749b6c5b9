package io.github.milvusmonitored.access;

import io.github.milvusmonitored.access.internal.ForwardOpener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a real port-forward: each open listens on the local port and answers every
 * connection with the name of the "pod" it reaches. A forward can be made to drop, by closing its
 * listener (as a dead forward does) or by reporting an error while still listening.
 */
final class FakeForwardOpener implements ForwardOpener {

  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger failuresToCome = new AtomicInteger();
  final List<String> preferredPods = new CopyOnWriteArrayList<>();
  private volatile Fake current;

  /** The next {@code n} opens fail as when no pod is Ready. */
  void failNext(int n) {
    failuresToCome.set(n);
  }

  int opens() {
    return opened.get();
  }

  /** The forward's listener dies (fabric8: isAlive() false). */
  void dropListener() throws IOException {
    current.server.close();
  }

  /** The forward reports an error but keeps listening (fabric8: errorOccurred() true). */
  void reportError() {
    current.error = "websocket closed: pod restarted";
  }

  @Override
  public OpenForward open(int localPort, String preferredPod) throws IOException {
    preferredPods.add(String.valueOf(preferredPod));
    if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PortForwardException("no Ready pod matches the Service's selector app=fake");
    }
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    Fake fake = new Fake(server, "pod-" + opened.incrementAndGet());
    current = fake;
    return fake;
  }

  @Override
  public String describe() {
    return "fake/svc/fake:80";
  }

  static final class Fake implements OpenForward {
    final ServerSocket server;
    final String pod;
    volatile String error;

    Fake(ServerSocket server, String pod) {
      this.server = server;
      this.pod = pod;
      Thread t = new Thread(this::serve, "fake-forward-" + pod);
      t.setDaemon(true);
      t.start();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept();
            OutputStream out = s.getOutputStream()) {
          out.write((pod + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public int localPort() {
      return server.getLocalPort();
    }

    @Override
    public String pod() {
      return pod;
    }

    @Override
    public String problem() {
      return server.isClosed() ? "the local listener stopped" : error;
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
