package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download path against a local HTTP server that answers like GitHub (redirect to codeload).
 */
class ManifestDownloadTest {

  private static final String TAG_PATH =
      "/prometheus-operator/kube-prometheus/archive/refs/tags/v0.18.0.tar.gz";
  private static final String CODELOAD_PATH = "/codeload/tar.gz/refs/tags/v0.18.0";

  @TempDir Path temp;

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile byte[] archive;

  @BeforeEach
  void startServer() throws IOException {
    archive =
        Files.readAllBytes(
            Fixture.archive(Fixture.root(), "kube-prometheus-0.18.0", temp.resolve("good.tar.gz")));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(path);
          if (path.equals(TAG_PATH)) {
            exchange.getResponseHeaders().add("Location", CODELOAD_PATH);
            exchange.sendResponseHeaders(302, -1);
          } else if (path.equals(CODELOAD_PATH)) {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(archive);
            }
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void downloads_once_then_reuses_the_verified_cache() {
    ManifestSource.Download source = source(TAG_PATH);

    KubePrometheusManifests first = load(source);
    KubePrometheusManifests second = load(source);

    assertThat(first.files()).hasSize(13);
    assertThat(second.files()).isEqualTo(first.files());
    assertThat(requests).containsExactly(TAG_PATH, CODELOAD_PATH);
    assertThat(source.cachedArchive()).hasFileName("v0.18.0.tar.gz").hasBinaryContent(archive);
    assertThat(filesIn(source.cacheDirectory())).containsExactly("v0.18.0.tar.gz");
  }

  @Test
  void refuses_a_downloaded_archive_whose_checksum_differs_and_leaves_no_cache_folder()
      throws IOException {
    Path tree = Fixture.copyTo(temp.resolve("tampered"));
    Files.writeString(
        tree.resolve("manifests/prometheusOperator-deployment.yaml"),
        "# edited\n",
        StandardOpenOption.APPEND);
    archive =
        Files.readAllBytes(
            Fixture.archive(tree, "kube-prometheus-0.18.0", temp.resolve("bad.tar.gz")));
    ManifestSource.Download source = source(TAG_PATH);

    assertThatThrownBy(() -> load(source))
        .isInstanceOf(ManifestVerificationException.class)
        .hasMessageContaining("from archive downloaded from " + source.uri())
        .hasMessageContaining(
            "manifests/prometheusOperator-deployment.yaml: sha256 expected ba135c7a");
    assertThat(source.cacheDirectory()).as("no empty cache folder left behind").doesNotExist();
  }

  @Test
  void replaces_a_cached_archive_that_no_longer_verifies() throws IOException {
    ManifestSource.Download source = source(TAG_PATH);
    Files.createDirectories(source.cacheDirectory());
    Files.writeString(source.cachedArchive(), "truncated");

    assertThat(load(source).files()).hasSize(13);
    assertThat(requests).containsExactly(TAG_PATH, CODELOAD_PATH);
    assertThat(source.cachedArchive()).hasBinaryContent(archive);
  }

  @Test
  void
      reports_a_failed_download_with_the_address_and_the_offline_remedy_and_leaves_no_cache_folder() {
    ManifestSource.Download source =
        source("/prometheus-operator/kube-prometheus/archive/refs/tags/v9.9.9.tar.gz");

    assertThatThrownBy(() -> load(source))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining(
            "Downloading kube-prometheus from " + source.uri() + " failed: HTTP status 404")
        .hasMessageContaining("a version tag that does not exist")
        .hasMessageContaining(
            "ManifestSource.archive(path), or put it at "
                + source.cachedArchive().toAbsolutePath());
    assertThat(source.cacheDirectory()).as("no empty cache folder left behind").doesNotExist();
  }

  @Test
  void defaults_to_the_github_tag_archive_in_the_user_cache() {
    ManifestSource.Download source = ManifestSource.download("v0.18.0");

    assertThat(source.uri())
        .hasToString(
            "https://github.com/prometheus-operator/kube-prometheus/archive/refs/tags/v0.18.0.tar.gz");
    assertThat(source.cacheDirectory())
        .isEqualTo(
            Path.of(
                System.getProperty("user.home"),
                ".cache",
                "milvus-monitored",
                "kube-prometheus",
                "v0.18.0"));
  }

  private ManifestSource.Download source(String path) {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return ManifestSource.download("v0.18.0")
        .withUri(uri)
        .withCacheDirectory(temp.resolve("cache"))
        .withTimeout(Duration.ofSeconds(10));
  }

  private static KubePrometheusManifests load(ManifestSource source) {
    return KubePrometheusManifests.builder()
        .withSource(source)
        .withChecksums(Fixture.checksums())
        .load();
  }

  private static List<String> filesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
