package io.github.milvusmonitored.testing;

import java.net.URI;

/** One way of running Prometheus (a local process or a container) behind {@link RealPrometheus}. */
interface PrometheusBackend {

  /**
   * Starts Prometheus with the configuration and returns its base URI; does not wait for readiness.
   */
  URI start(PrometheusConfig config);

  /**
   * Writes a new configuration where the running Prometheus reads it (before a {@code /-/reload}).
   */
  void writeConfig(PrometheusConfig config);

  /** Fails with the log tail if Prometheus has exited. */
  void checkAlive();

  /** Stops Prometheus; its data is kept for a later {@link #start}. */
  void stop();

  /** The last lines Prometheus logged. */
  String logTail();

  /** Stops Prometheus and deletes everything it wrote. */
  void destroy();

  /** Human-readable description for log lines, e.g. the binary path or image. */
  String describe();
}
