package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.dashboard.DashboardSource;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the official dashboard from the cache, or downloads it once: into a temporary file next to
 * the cache that is moved into place only when it parses as a dashboard, so the cache never holds a
 * partial file or an error page.
 */
public final class DashboardDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardDownloader.class);

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

  /** GETs {@code uri}; any failure or non-200 answer becomes a {@link DashboardException}. */
  public static String fetch(URI uri, Duration timeout, String what) {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(ProxySelector.getDefault())
            .connectTimeout(timeout)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DashboardException(DashboardErrors.fetchFailed(what, e.toString()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DashboardException("Interrupted while reading " + what, e);
    }
    if (response.statusCode() != 200) {
      throw new DashboardException(
          DashboardErrors.fetchFailed(what, "HTTP status " + response.statusCode()));
    }
    return response.body();
  }
}
