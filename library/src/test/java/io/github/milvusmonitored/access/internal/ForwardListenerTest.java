package io.github.milvusmonitored.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.PortForward;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The forward's judgement over a real TCP server on loopback standing in for the pod: the second
 * connection it accepts it resets, the first it keeps streaming on.
 */
class ForwardListenerTest {

  private final ServerSocket pod;
  private final AtomicInteger accepted = new AtomicInteger();
  private final CountDownLatch sendSecond = new CountDownLatch(1);

  ForwardListenerTest() throws IOException {
    pod = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::servePod, "fake-pod");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stopPod() throws IOException {
    pod.close();
  }

  private void servePod() {
    while (!pod.isClosed()) {
      try {
        Socket s = pod.accept();
        int n = accepted.incrementAndGet();
        Thread t = new Thread(() -> serve(s, n), "fake-pod-" + n);
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s, int n) {
    try (s;
        OutputStream out = s.getOutputStream()) {
      if (n == 2) {
        s.setSoLinger(true, 0); // close with RST: the pod side drops this connection
        return;
      }
      out.write("first\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (sendSecond.await(10, TimeUnit.SECONDS)) {
        out.write("second\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      s.getInputStream().read(); // until the client closes
    } catch (IOException | InterruptedException ignored) {
      // the connection ends
    }
  }

  @Test
  void a_dropped_connection_beside_a_healthy_stream_is_no_problem_and_alone_it_is()
      throws Exception {
    try (ForwardListener forward = ForwardListener.listen(0, this::relayToPod)) {
      Socket stream = new Socket(InetAddress.getLoopbackAddress(), forward.localPort());
      stream.setSoTimeout(10_000);
      InputStream in = stream.getInputStream();
      assertThat(readLine(in)).isEqualTo("first");

      try (Socket dropped = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
        dropped.setSoTimeout(10_000);
        assertThat(dropped.getInputStream().read()).isEqualTo(-1);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> forward.openConnections() == 1);

      assertThat(forward.problem()).isNull();
      sendSecond.countDown();
      assertThat(readLine(in)).isEqualTo("second");

      stream.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(forward.problem())
                      .isEqualTo(
                          "its newest connection failed and no other connection is open: [SocketException:"
                              + " Connection reset]"));
    }
  }

  @Test
  void a_closed_listener_is_a_problem() throws Exception {
    ForwardListener forward = ForwardListener.listen(0, this::relayToPod);
    forward.close();

    assertThat(forward.problem()).isEqualTo("the local listener stopped");
  }

  /**
   * A plain TCP relay with fabric8's per-connection handle: errors reading the pod side are
   * "server" errors.
   */
  private PortForward relayToPod(SocketChannel local) {
    Relay relay = new Relay();
    try {
      Socket remote = new Socket(InetAddress.getLoopbackAddress(), pod.getLocalPort());
      // The socket adaptor's streams, unlike Channels.newInputStream, read and write at the same
      // time.
      relay.pump(
          local.socket().getInputStream(),
          remote.getOutputStream(),
          relay.clientErrors,
          local,
          remote);
      relay.pump(
          remote.getInputStream(),
          local.socket().getOutputStream(),
          relay.serverErrors,
          local,
          remote);
    } catch (IOException e) {
      relay.serverErrors.add(e);
      relay.alive.set(false);
    }
    return relay;
  }

  private static final class Relay implements PortForward {
    final AtomicBoolean alive = new AtomicBoolean(true);
    final List<Throwable> clientErrors = new CopyOnWriteArrayList<>();
    final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();
    private final List<java.io.Closeable> ends = new CopyOnWriteArrayList<>();

    void pump(
        InputStream from,
        OutputStream to,
        List<Throwable> errors,
        java.io.Closeable a,
        java.io.Closeable b) {
      ends.add(a);
      ends.add(b);
      Thread t =
          new Thread(
              () -> {
                try {
                  from.transferTo(to);
                } catch (IOException e) {
                  if (alive.get()) {
                    errors.add(e);
                  }
                } finally {
                  close();
                }
              },
              "relay");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public boolean isAlive() {
      return alive.get();
    }

    @Override
    public boolean errorOccurred() {
      return !clientErrors.isEmpty() || !serverErrors.isEmpty();
    }

    @Override
    public Collection<Throwable> getClientThrowables() {
      return clientErrors;
    }

    @Override
    public Collection<Throwable> getServerThrowables() {
      return serverErrors;
    }

    @Override
    public void close() {
      alive.set(false);
      for (java.io.Closeable end : ends) {
        try {
          end.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }
}
