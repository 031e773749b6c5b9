package io.github.milvusmonitored.milvus.internal;

import io.github.milvusmonitored.milvus.MilvusReleaseException;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one chart version from a Helm chart repository, the way {@code helm pull} does: reads
 * the repository's {@code index.yaml}, finds the version, downloads the archive and checks its
 * sha256.
 *
 * <p>Done here rather than through Helm so that no Helm repository cache or configuration in the
 * user's home directory is read or written.
 */
public final class ChartRepositoryClient {

  private static final Logger LOG = LoggerFactory.getLogger(ChartRepositoryClient.class);
  private static final int VERSIONS_SHOWN = 10;

  private final HttpClient http;
  private final Duration requestTimeout;

  public ChartRepositoryClient(Duration connectTimeout, Duration requestTimeout) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * Downloads {@code chart} at {@code version} into {@code directory} and returns the archive's
   * path.
   *
   * @throws MilvusReleaseException with a message naming repository, chart and version
   */
  public Path fetch(String repository, String chart, String version, Path directory) {
    String indexUrl = MilvusErrors.indexUrl(repository);
    long start = System.nanoTime();
    LOG.info("Milvus chart: reading repository index {}", indexUrl);
    Map<String, Object> index;
    try {
      index = ValuesFiles.parse(new String(get(indexUrl), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new MilvusReleaseException(MilvusErrors.repositoryUnreachable(indexUrl, e), e);
    }
    Map<String, Object> entry = findVersion(index, repository, chart, version);
    String archiveUrl = archiveUrl(repository, entry);
    LOG.info("Milvus chart: downloading {} {} from {}", chart, version, archiveUrl);
    byte[] archive;
    try {
      archive = get(archiveUrl);
    } catch (IOException | RuntimeException e) {
      throw new MilvusReleaseException(MilvusErrors.chartDownloadFailed(archiveUrl, e), e);
    }
    Object digest = entry.get("digest");
    String actual = sha256(archive);
    if (digest != null && !String.valueOf(digest).equalsIgnoreCase(actual)) {
      throw new MilvusReleaseException(
          MilvusErrors.chartDigestMismatch(archiveUrl, String.valueOf(digest), actual));
    }
    try {
      Path target = Files.write(directory.resolve(chart + "-" + version + ".tgz"), archive);
      LOG.info(
          "Milvus chart: {} {} ready ({} bytes, sha256 {}) after {} ms",
          chart,
          version,
          archive.length,
          digest == null ? "not announced" : "checked",
          (System.nanoTime() - start) / 1_000_000);
      return target;
    } catch (IOException e) {
      throw new MilvusReleaseException(MilvusErrors.chartDownloadFailed(archiveUrl, e), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> findVersion(
      Map<String, Object> index, String repository, String chart, String version) {
    Object entries = index.get("entries");
    if (!(entries instanceof Map<?, ?> charts)) {
      throw new MilvusReleaseException(
          MilvusErrors.repositoryUnreachable(
              MilvusErrors.indexUrl(repository),
              new IOException("the index has no 'entries' mapping")));
    }
    Object versions = charts.get(chart);
    if (!(versions instanceof List<?> list)) {
      throw new MilvusReleaseException(
          MilvusErrors.chartNotInRepository(
              chart, repository, charts.keySet().stream().map(String::valueOf).sorted().toList()));
    }
    for (Object candidate : list) {
      if (candidate instanceof Map<?, ?> map
          && version.equals(String.valueOf(map.get("version")))) {
        return (Map<String, Object>) map;
      }
    }
    List<String> available =
        list.stream()
            .filter(Map.class::isInstance)
            .map(item -> String.valueOf(((Map<?, ?>) item).get("version")))
            .limit(VERSIONS_SHOWN)
            .toList();
    throw new MilvusReleaseException(
        MilvusErrors.chartVersionNotFound(chart, version, repository, available));
  }

  private static String archiveUrl(String repository, Map<String, Object> entry) {
    Object urls = entry.get("urls");
    if (!(urls instanceof List<?> list) || list.isEmpty()) {
      throw new MilvusReleaseException(
          MilvusErrors.chartDownloadFailed(
              repository,
              new IOException(
                  "the index gives no download address for version " + entry.get("version"))));
    }
    String base = repository.endsWith("/") ? repository : repository + "/";
    return URI.create(base).resolve(String.valueOf(list.get(0))).toString();
  }

  private byte[] get(String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build();
    // The request timeout stops at the headers; the get's deadline covers the body as well.
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException(
          "no complete answer (headers and body) from "
              + url
              + " within "
              + MonitoredDuration.humanText(requestTimeout));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return response.body();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
