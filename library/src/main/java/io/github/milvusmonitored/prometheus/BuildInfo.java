package io.github.milvusmonitored.prometheus;

/**
 * The Prometheus server's version and build.
 *
 * @param version e.g. "3.12.0"
 * @param revision the source revision
 * @param goVersion the Go version it was built with
 */
public record BuildInfo(String version, String revision, String goVersion) {

  /** The major version number, e.g. 2 or 3; 0 when it cannot be read. */
  public int majorVersion() {
    try {
      return Integer.parseInt(version.split("\\.")[0].replaceAll("\\D", ""));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
