package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the official dashboard from the cache, or downloads it once: into a temporary file next to
 * the cache that is moved into place only when it parses as a dashboard, so the cache never holds a
 * partial file or an error page.
 */
public final class DashboardDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardDownloader.class);

  /** The most read of a dashboard: 64 MiB, as of a Prometheus answer. */
  static final int MAX_BYTES = 64 << 20;

  private DashboardDownloader() {}

  public static String obtain(DashboardSource.OfficialMilvus source) {
    Path cached = source.cachedFile();
    if (Files.isRegularFile(cached)) {
      try {
        String json = Files.readString(cached, StandardCharsets.UTF_8);
        DashboardParser.parse(json, "cached file " + cached);
        LOG.debug("dashboard: reusing cached {}", cached);
        return json;
      } catch (IOException | DashboardException e) {
        LOG.warn(
            "dashboard: cached {} is unusable, downloading it again ({})",
            cached,
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
    String json;
    try {
      json = fetch(source.uri(), source.timeout(), source.describe());
    } catch (DashboardException e) {
      throw new DashboardException(
          DashboardErrors.downloadFailed(source, e.getMessage()), e.getCause());
    }
    DashboardParser.parse(json, "download " + source.uri());
    try {
      Files.createDirectories(source.cacheDirectory());
      Path part = Files.createTempFile(source.cacheDirectory(), "milvus-dashboard", ".part");
      try {
        Files.writeString(part, json, StandardCharsets.UTF_8);
        try {
          Files.move(
              part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, cached, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(part);
      }
      LOG.info("dashboard: downloaded {} into {}", source.uri(), cached);
    } catch (IOException e) {
      LOG.warn(
          "dashboard: cannot keep the download in {} ({}); it will be downloaded again next time",
          source.cacheDirectory(),
          e.toString());
    }
    return json;
  }

  /**
   * GETs {@code uri} within {@code timeout} for the whole exchange, body included (the JDK's
   * request timeout stops at the headers: a server that then drips one byte a second would hold the
   * caller forever), reading at most 64 MiB; any failure or non-200 answer becomes a {@link
   * DashboardException}.
   */
  public static String fetch(URI uri, Duration timeout, String what) {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(ProxySelector.getDefault())
            .connectTimeout(timeout)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, info -> new CappedBody(uri));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new DashboardException(
          DashboardErrors.fetchFailed(
              what,
              "no complete answer (headers and body) within "
                  + MonitoredDuration.humanText(timeout)));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new DashboardException(DashboardErrors.fetchFailed(what, cause.toString()), cause);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new DashboardException("Interrupted while reading " + what, e);
    }
    if (response.statusCode() != 200) {
      throw new DashboardException(
          DashboardErrors.fetchFailed(what, "HTTP status " + response.statusCode()));
    }
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Collects a body up to {@link #MAX_BYTES}; a larger one fails and the exchange is cancelled. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final URI uri;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(URI uri) {
      this.uri = uri;
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
        byte[] bytes = new byte[item.remaining()];
        item.get(bytes);
        out.write(bytes, 0, bytes.length);
      }
      if (out.size() > MAX_BYTES) {
        subscription.cancel();
        body.completeExceptionally(
            new IOException(
                "the answer from "
                    + uri
                    + " is larger than "
                    + (MAX_BYTES >> 20)
                    + " MiB; reading stopped there"));
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }
}
