package io.github.milvusmonitored.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every error message about finding, starting and querying a real Prometheus, built in one place.
 */
final class PrometheusErrors {

  /** How to get a Prometheus for the integration tests; part of every "not found" message. */
  static final String HOW_TO_GET_PROMETHEUS =
      String.join(
          "\n",
          "The integration tests need a real Prometheus (2.42 or newer). Any one of these works:",
          "  - Debian/Ubuntu: sudo apt-get install -y prometheus   (puts /usr/bin/prometheus on PATH)",
          "  - macOS: brew install prometheus",
          "  - download a release from https://prometheus.io/download/, unpack it and set",
          "    PROMETHEUS_BIN=/path/to/prometheus (or -Dprometheus.bin=/path/to/prometheus)",
          "  - or run the tests where Docker is available: the image "
              + PrometheusLocator.DOCKER_IMAGE
              + " is then started through Testcontainers.");

  private PrometheusErrors() {}

  static IllegalStateException notFound(String searchedPath) {
    return new IllegalStateException(
        "No Prometheus found: PROMETHEUS_BIN and -Dprometheus.bin are not set,"
            + " no executable 'prometheus' is on PATH ("
            + searchedPath
            + ") and Docker is not available.\n"
            + HOW_TO_GET_PROMETHEUS);
  }

  static IllegalStateException configuredBinaryUnusable(String source, String value) {
    return new IllegalStateException(
        source
            + " is set to '"
            + value
            + "', which is not an executable file."
            + " Point it at the prometheus binary itself (not its directory), or unset it to search PATH.\n"
            + HOW_TO_GET_PROMETHEUS);
  }

  static IllegalStateException exited(String command, int exitCode, Path log, String logTail) {
    return new IllegalStateException(
        "Prometheus exited with code "
            + exitCode
            + " before it was ready.\n"
            + "Command: "
            + command
            + "\nIts log ("
            + log
            + ") ends with:\n"
            + logTail
            + "\nLikely causes: an invalid generated configuration, or the port was taken meanwhile.");
  }

  static IllegalStateException notReady(URI readyUri, Duration waited, String logTail) {
    return new IllegalStateException(
        "Prometheus did not answer 200 on "
            + readyUri
            + " within "
            + waited
            + ". Its log ends with:\n"
            + logTail
            + "\nLikely cause: a slow machine replaying a large WAL, or a wrong --web.listen-address.");
  }

  static IllegalStateException requestFailed(URI uri, int status, String body) {
    return new IllegalStateException(
        "Prometheus answered HTTP "
            + status
            + " to GET "
            + uri
            + ": "
            + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
  }

  static IllegalStateException unreachable(URI uri, Exception cause) {
    return new IllegalStateException(
        "Cannot reach Prometheus at " + uri + " (" + cause + "). Was it stopped?", cause);
  }

  static IllegalStateException timedOut(String awaited, Duration waited, String lastSeen) {
    return new IllegalStateException(
        "Waited "
            + waited
            + " for "
            + awaited
            + "; last answer: "
            + lastSeen
            + ". Check /api/v1/targets: is the exporter target up, and is the scrape interval short?");
  }
}
