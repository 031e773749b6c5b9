package io.github.milvusmonitored.samples;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.metrics.QueryType;
import io.github.milvusmonitored.metrics.RequestStatus;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Inserts and searches vectors with the Milvus Java SDK and asserts that Milvus's proxy metrics
 * (request counts, inserted vectors, search latency) reach Prometheus.
 *
 * <p>The extension injects a {@link MilvusClientV2} connected to the release and the {@link
 * MilvusMetrics} of that release. Each query is narrowed to this test's collection, so other
 * classes sharing the environment do not move the numbers.
 */
@MilvusMonitored
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
class InsertAndSearchSampleIT {

  static final int DIMENSION = 8;
  static final int VECTORS = 100;

  /**
   * Several scrape intervals (30 s by default): a counter shows up at the first scrape after the
   * request.
   */
  static final Duration SCRAPED = Duration.ofMinutes(2);

  private final String collection = "samples_insert_search_" + System.currentTimeMillis();

  @Test
  void inserts_and_searches_show_up_in_the_proxy_metrics(
      MilvusClientV2 client, MilvusMetrics milvus) {
    insertAndSearch(client, collection);

    assertProxyMetricsMoved(milvus, collection);
  }

  @AfterEach
  void dropCollection(MilvusClientV2 client) {
    dropIfPresent(client, collection);
  }

  /**
   * Creates {@code collection} (quick setup), inserts {@value #VECTORS} vectors and searches three
   * of them.
   */
  static void insertAndSearch(MilvusClientV2 client, String collection) {
    // Quick setup: an Int64 primary key "id", a float vector field "vector", an index, and loaded.
    client.createCollection(
        CreateCollectionReq.builder()
            .collectionName(collection)
            .dimension(DIMENSION)
            .primaryFieldName("id")
            .vectorFieldName("vector")
            .metricType("COSINE")
            .autoID(false)
            .build());
    client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());

    Random random = new Random(7);
    Gson gson = new Gson();
    List<JsonObject> rows = new ArrayList<>();
    for (int id = 0; id < VECTORS; id++) {
      JsonObject row = new JsonObject();
      row.addProperty("id", id);
      row.add("vector", gson.toJsonTree(randomVector(random)));
      rows.add(row);
    }
    long inserted =
        client
            .insert(InsertReq.builder().collectionName(collection).data(rows).build())
            .getInsertCnt();
    assertThat(inserted).isEqualTo(VECTORS);

    List<BaseVector> queries =
        List.of(
            new FloatVec(randomVector(random)),
            new FloatVec(randomVector(random)),
            new FloatVec(randomVector(random)));
    SearchResp found =
        client.search(
            SearchReq.builder()
                .collectionName(collection)
                .annsField("vector")
                .data(queries)
                .limit(5)
                .consistencyLevel(ConsistencyLevel.STRONG) // see the rows just inserted
                .build());
    assertThat(found.getSearchResults()).hasSize(3).allSatisfy(hits -> assertThat(hits).hasSize(5));
  }

  /**
   * The proxy's counters and search latency histogram for {@code collection}, as Prometheus scraped
   * them.
   */
  static void assertProxyMetricsMoved(MilvusMetrics milvus, String collection) {
    MilvusSelector release = milvus.release();
    String ofCollection = "collection_name=\"" + collection + "\"";

    assertThatMetric(
            milvus,
            "sum("
                + release.select(
                    "milvus_proxy_req_count",
                    "function_name=\"Insert\",status=\"total\"," + ofCollection)
                + ")")
        .eventually(SCRAPED)
        .isGreaterThanOrEqualTo(1);
    assertThatMetric(
            milvus,
            "sum("
                + release.select(
                    "milvus_proxy_req_count",
                    "function_name=\"Search\",status=\"total\"," + ofCollection)
                + ")")
        .eventually(SCRAPED)
        .isGreaterThanOrEqualTo(1);
    assertThatMetric(
            milvus,
            "sum(" + release.select("milvus_proxy_insert_vectors_count", ofCollection) + ")")
        .eventually(SCRAPED)
        .isGreaterThanOrEqualTo(VECTORS);
    assertThatMetric(
            milvus,
            "sum("
                + release.select(
                    "milvus_proxy_sq_latency_count", "query_type=\"search\"," + ofCollection)
                + ")")
        .eventually(SCRAPED)
        .isGreaterThan(0);

    // Over every collection of the release, since Milvus started.
    assertThat(milvus.latencyQuantile(QueryType.SEARCH, 0.95)).isPresent();
    assertThat(milvus.requestCounts().count("Search", RequestStatus.TOTAL))
        .isGreaterThanOrEqualTo(1);
  }

  /**
   * Drops {@code collection} if it exists, so that a failed creation is not hidden by the cleanup.
   */
  static void dropIfPresent(MilvusClientV2 client, String collection) {
    if (client.hasCollection(HasCollectionReq.builder().collectionName(collection).build())) {
      client.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
    }
  }

  private static float[] randomVector(Random random) {
    float[] vector = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] = random.nextFloat();
    }
    return vector;
  }
}
