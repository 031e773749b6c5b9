package io.github.milvusmonitored.junit;

import io.github.milvusmonitored.testing.PrometheusWithMilvusExporter;

/**
 * One real Prometheus scraping the Milvus test exporter every second, started on first use and
 * stopped when the test JVM exits; every fake environment queries it.
 */
final class SharedPrometheus {

  private static PrometheusWithMilvusExporter instance;

  private SharedPrometheus() {}

  static synchronized PrometheusWithMilvusExporter get() {
    if (instance == null) {
      PrometheusWithMilvusExporter started = PrometheusWithMilvusExporter.builder().build().start();
      started.awaitFirstScrape();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-shared-prometheus"));
      instance = started;
    }
    return instance;
  }
}
