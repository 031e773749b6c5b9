package io.github.milvusmonitored.stack.internal;

import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains a verified archive: reuses the cached one when it still verifies, otherwise downloads to
 * a temporary file next to the cache, verifies it and only then moves it into place, so the cache
 * never holds a partial or unverified archive.
 */
public final class ManifestDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(ManifestDownloader.class);

  private ManifestDownloader() {}

  public static List<ManifestFile> obtain(
      ManifestSource.Download source, ManifestChecksums checksums) {
    Path cached = source.cachedArchive();
    if (Files.isRegularFile(cached)) {
      try {
        List<ManifestFile> files =
            ManifestVerifier.verify(
                ManifestTreeReader.readArchive(cached), checksums, "cached archive " + cached);
        LOG.info("kube-prometheus: reusing verified cached archive {}", cached);
        return files;
      } catch (KubePrometheusException e) {
        LOG.warn(
            "kube-prometheus: cached archive {} no longer verifies, downloading it again ({})",
            cached,
            e.getMessage().lines().findFirst().orElse(""));
        deleteQuietly(cached);
      }
    }
    Path part = null;
    Path firstCreated = firstMissing(source.cacheDirectory());
    try {
      Files.createDirectories(source.cacheDirectory());
      part =
          Files.createTempFile(source.cacheDirectory(), cached.getFileName().toString(), ".part");
      download(source, part);
      List<ManifestFile> files =
          ManifestVerifier.verify(
              ManifestTreeReader.readArchive(part),
              checksums,
              "archive downloaded from " + source.uri());
      moveIntoPlace(part, cached);
      return files;
    } catch (IOException e) {
      throw new KubePrometheusException(
          KubePrometheusErrors.cacheUnwritable(source.cacheDirectory(), e), e);
    } finally {
      if (part != null) {
        deleteQuietly(part);
      }
      if (firstCreated != null && !Files.exists(cached)) {
        deleteEmptyFolders(source.cacheDirectory(), firstCreated);
      }
    }
  }

  /**
   * The outermost folder of {@code folder}'s path that does not exist yet, or null if it exists.
   */
  private static Path firstMissing(Path folder) {
    Path missing = null;
    for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /**
   * After a failed download: removes the folders this download created, innermost first, if empty.
   */
  private static void deleteEmptyFolders(Path folder, Path outermost) {
    for (Path p = folder.toAbsolutePath();
        p != null && p.startsWith(outermost);
        p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void download(ManifestSource.Download source, Path target) {
    long started = System.nanoTime();
    LOG.info("kube-prometheus: downloading {} into {}", source.uri(), source.cacheDirectory());
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(ProxySelector.getDefault())
            .connectTimeout(source.timeout())
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(source.uri()).timeout(source.timeout()).GET().build();
    // The request timeout stops at the headers; the deadline of the whole download is the get's.
    CompletableFuture<HttpResponse<Path>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(target));
    HttpResponse<Path> response;
    try {
      response = exchange.get(source.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new KubePrometheusException(
          KubePrometheusErrors.downloadFailed(
              source, "not complete within " + MonitoredDuration.humanText(source.timeout())));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KubePrometheusException(
          KubePrometheusErrors.downloadFailed(source, cause.toString()), cause);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new KubePrometheusException("interrupted while downloading " + source.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new KubePrometheusException(
          KubePrometheusErrors.downloadFailed(source, "HTTP status " + response.statusCode()));
    }
    try {
      LOG.info(
          "kube-prometheus: downloaded {} bytes in {} ms",
          Files.size(target),
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException ignored) {
      // only the log line needs the size
    }
  }

  private static void moveIntoPlace(Path part, Path cached) throws IOException {
    try {
      Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, cached, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("kube-prometheus: cannot delete {}: {}", file, e.toString());
    }
  }
}
