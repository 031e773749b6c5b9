package io.github.milvusmonitored.metrics;

import io.github.milvusmonitored.prometheus.PrometheusException;

/**
 * A Milvus sample or target did not appear in Prometheus in time; the message says why it likely
 * did not.
 */
public class MilvusNotScrapedException extends PrometheusException {
  private static final long serialVersionUID = 1L;

  public MilvusNotScrapedException(String message) {
    super(message);
  }
}
