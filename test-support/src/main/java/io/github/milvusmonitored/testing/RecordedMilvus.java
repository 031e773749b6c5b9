package io.github.milvusmonitored.testing;

import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.prometheus.PrometheusClient;

/**
 * A real Prometheus scraping a recorded Milvus exposition as the standalone release of {@link
 * MilvusTarget}.
 *
 * <pre>{@code
 * try (RecordedMilvus recorded = RecordedMilvus.scrape(RecordedMilvus.MILVUS_2_3_5)) {
 *     recorded.milvus().awaitSample("milvus_num_node", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class RecordedMilvus implements AutoCloseable {

  /** What a real Milvus 2.3.5 standalone exposed after traffic. */
  public static final String MILVUS_2_3_5 = "/expositions/milvus-2.3.5-after-traffic.prom";

  private final RecordedExposition recording;
  private final RealPrometheus prometheus;
  private final MilvusMetrics milvus;

  private RecordedMilvus(
      RecordedExposition recording, RealPrometheus prometheus, MilvusMetrics milvus) {
    this.recording = recording;
    this.prometheus = prometheus;
    this.milvus = milvus;
  }

  /**
   * Serves the classpath resource {@code exposition} and starts a Prometheus scraping it every
   * second.
   */
  public static RecordedMilvus scrape(String exposition) {
    RecordedExposition recording = RecordedExposition.serve(exposition);
    try {
      MilvusTarget target = MilvusTarget.standalone(recording.port());
      RealPrometheus prometheus =
          RealPrometheus.start(PrometheusConfig.builder().withMilvusTarget(target).build());
      MilvusMetrics milvus =
          MilvusMetrics.of(
              PrometheusClient.create(prometheus.baseUri()),
              MilvusSelector.of(target.namespace(), target.release()));
      return new RecordedMilvus(recording, prometheus, milvus);
    } catch (RuntimeException e) {
      recording.close();
      throw e;
    }
  }

  /** The release's metrics as this Prometheus holds them. */
  public MilvusMetrics milvus() {
    return milvus;
  }

  @Override
  public void close() {
    try {
      prometheus.close();
    } finally {
      recording.close();
    }
  }
}
