package io.github.milvusmonitored.dashboard;

import io.github.milvusmonitored.dashboard.internal.DashboardDownloader;
import io.github.milvusmonitored.dashboard.internal.DashboardErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a Grafana dashboard's JSON comes from.
 *
 * <pre>{@code
 * DashboardSource.officialMilvus("v2.6.15");                 // milvus-io/milvus at that tag, cached
 * DashboardSource.file(Path.of("milvus-dashboard.json"));    // offline
 * DashboardSource.classpath("/dashboards/mine.json");
 * DashboardSource.url(URI.create("https://example.org/dashboard.json"));
 * DashboardSource.parse("classpath:/dashboards/mine.json");  // what the --dashboard option takes
 * }</pre>
 */
public sealed interface DashboardSource
    permits DashboardSource.OfficialMilvus,
        DashboardSource.File,
        DashboardSource.Classpath,
        DashboardSource.Url {

  /** The dashboard file's path inside the Milvus repository. */
  String OFFICIAL_PATH = "deployments/monitor/grafana/milvus-dashboard.json";

  /** The dashboard's JSON text. */
  String read();

  /** A short description for reports and error messages. */
  String describe();

  /**
   * Milvus's own dashboard at the image tag {@code tag} (e.g. {@code v2.6.15}), downloaded once
   * from GitHub into {@code ~/.cache/milvus-monitored/milvus-dashboard/<tag>/milvus-dashboard.json}
   * and read from there afterwards. Offline, put the file there or use {@link #file(Path)}.
   */
  static OfficialMilvus officialMilvus(String tag) {
    return new OfficialMilvus(
        tag,
        URI.create(
            "https://raw.githubusercontent.com/milvus-io/milvus/" + tag + "/" + OFFICIAL_PATH),
        defaultCacheDirectory(tag),
        Duration.ofMinutes(1));
  }

  /** A local file. */
  static File file(Path path) {
    return new File(path);
  }

  /** A resource on the classpath, e.g. {@code /dashboards/mine.json}. */
  static Classpath classpath(String resource) {
    return new Classpath(resource);
  }

  /** An http(s) address, read each time (no cache). */
  static Url url(URI uri) {
    return new Url(uri);
  }

  /**
   * {@code classpath:<resource>}, an {@code http(s)://} address, or else a file path; the form the
   * command line's {@code --dashboard} option takes.
   */
  static DashboardSource parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("classpath:")) {
      return classpath(text.substring("classpath:".length()));
    }
    if (text.startsWith("http://") || text.startsWith("https://")) {
      return url(URI.create(text));
    }
    return file(Path.of(text));
  }

  /** {@code ~/.cache/milvus-monitored/milvus-dashboard/<tag>/}. */
  static Path defaultCacheDirectory(String tag) {
    return Path.of(
        System.getProperty("user.home"), ".cache", "milvus-monitored", "milvus-dashboard", tag);
  }

  /**
   * The official dashboard of one Milvus tag, cached after the first download.
   *
   * @param tag the Milvus image tag, e.g. {@code v2.6.15}
   * @param uri where it is downloaded from
   * @param cacheDirectory where the downloaded file is kept
   * @param timeout the limit for connecting and for the download
   */
  record OfficialMilvus(String tag, URI uri, Path cacheDirectory, Duration timeout)
      implements DashboardSource {
    public OfficialMilvus {
      if (tag == null || tag.isBlank() || tag.contains("/") || tag.contains("..")) {
        throw new IllegalArgumentException(
            "A Milvus image tag such as v2.6.15 is needed, got '" + tag + "'.");
      }
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      Objects.requireNonNull(timeout, "timeout");
    }

    public OfficialMilvus withUri(URI newUri) {
      return new OfficialMilvus(tag, newUri, cacheDirectory, timeout);
    }

    public OfficialMilvus withCacheDirectory(Path directory) {
      return new OfficialMilvus(tag, uri, directory, timeout);
    }

    public OfficialMilvus withTimeout(Duration newTimeout) {
      return new OfficialMilvus(tag, uri, cacheDirectory, newTimeout);
    }

    /** The cached file, {@code <cacheDirectory>/milvus-dashboard.json}. */
    public Path cachedFile() {
      return cacheDirectory.resolve("milvus-dashboard.json");
    }

    @Override
    public String read() {
      return DashboardDownloader.obtain(this);
    }

    @Override
    public String describe() {
      return "Milvus " + tag + " " + OFFICIAL_PATH + " (cache " + cachedFile() + ")";
    }
  }

  /** A local file. */
  record File(Path path) implements DashboardSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String read() {
      try {
        return Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DashboardException(DashboardErrors.unreadable(describe(), e), e);
      }
    }

    @Override
    public String describe() {
      return "file " + path;
    }
  }

  /** A classpath resource. */
  record Classpath(String resource) implements DashboardSource {
    public Classpath {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String read() {
      String name = resource.startsWith("/") ? resource : "/" + resource;
      try (InputStream in = DashboardSource.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new DashboardException(DashboardErrors.noSuchResource(name));
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DashboardException(DashboardErrors.unreadable(describe(), e), e);
      }
    }

    @Override
    public String describe() {
      return "classpath resource " + resource;
    }
  }

  /** An http(s) address. */
  record Url(URI uri) implements DashboardSource {
    public Url {
      Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String read() {
      return DashboardDownloader.fetch(uri, Duration.ofMinutes(1), describe());
    }

    @Override
    public String describe() {
      return "URL " + uri;
    }
  }
}
