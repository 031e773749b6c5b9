package io.github.milvusmonitored.prometheus.internal;

import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an HTTP answer's body up to a size limit, and fails with {@link
 * PrometheusResponseTooLargeException} past it, for the JDK's client (a body subscriber) and for a
 * stream.
 */
public final class CappedBody {

  private CappedBody() {}

  /** A body handler whose body is at most {@code limitBytes}; past it the exchange is cancelled. */
  public static HttpResponse.BodyHandler<byte[]> handler(URI uri, long limitBytes) {
    return info -> new Subscriber(uri, limitBytes);
  }

  /** Reads {@code in} to its end, or fails once more than {@code limitBytes} arrived. */
  public static byte[] read(InputStream in, URI uri, long limitBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + (long) n > limitBytes) {
        throw new PrometheusResponseTooLargeException(uri, limitBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final URI uri;
    private final long limitBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Subscriber(URI uri, long limitBytes) {
      this.uri = uri;
      this.limitBytes = limitBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (out.size() + (long) item.remaining() > limitBytes) {
          subscription.cancel();
          body.completeExceptionally(new PrometheusResponseTooLargeException(uri, limitBytes));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }
}
