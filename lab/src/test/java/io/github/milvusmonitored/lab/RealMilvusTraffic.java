package io.github.milvusmonitored.lab;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.milvusmonitored.environment.MilvusEndpoint;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.AnnSearchReq;
import io.milvus.v2.service.vector.request.HybridSearchReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.request.ranker.RRFRanker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Traffic to a real Milvus through the Java SDK, as a user's test makes it: a quick-setup
 * collection (Int64 key {@code id} with autoID, an 8-float {@code vector}, loaded), inserts,
 * searches, a query, and a call that fails.
 */
final class RealMilvusTraffic implements AutoCloseable {

  static final int DIMENSION = 8;

  private final MilvusClientV2 client;

  private RealMilvusTraffic(MilvusClientV2 client) {
    this.client = client;
  }

  /** Connects to the environment's Milvus endpoint (a port-forward to the pod's gRPC port). */
  static RealMilvusTraffic connect(MilvusEndpoint endpoint) {
    return new RealMilvusTraffic(
        new MilvusClientV2(
            ConnectConfig.builder()
                .uri(endpoint.uri().toString())
                .connectTimeoutMs(30_000)
                .build()));
  }

  MilvusClientV2 client() {
    return client;
  }

  RealMilvusTraffic createCollection(String name) {
    client.createCollection(
        CreateCollectionReq.builder()
            .collectionName(name)
            .dimension(DIMENSION)
            .autoID(true)
            .build());
    return this;
  }

  RealMilvusTraffic insert(String collection, int rows) {
    client.insert(InsertReq.builder().collectionName(collection).data(rows(rows)).build());
    return this;
  }

  RealMilvusTraffic search(String collection, int times) {
    for (int i = 0; i < times; i++) {
      client.search(
          SearchReq.builder()
              .collectionName(collection)
              .topK(3)
              .data(List.of(new FloatVec(vector(new Random(i)))))
              .build());
    }
    return this;
  }

  RealMilvusTraffic query(String collection) {
    client.query(QueryReq.builder().collectionName(collection).filter("id > 0").limit(5).build());
    return this;
  }

  /**
   * A search of a collection that does not exist: the server answers with an error, the proxy
   * counts a failure.
   */
  RuntimeException failingSearch(String missingCollection) {
    try {
      search(missingCollection, 1);
    } catch (RuntimeException expected) {
      return expected;
    }
    throw new AssertionError(
        "searching the missing collection " + missingCollection + " did not fail");
  }

  /** An upsert of rows without a primary key into the autoID collection {@code collection}. */
  RealMilvusTraffic upsert(String collection) {
    client.upsert(UpsertReq.builder().collectionName(collection).data(rows(2)).build());
    return this;
  }

  /** A hybrid search (one vector request, RRF ranking) of {@code collection}. */
  RealMilvusTraffic hybridSearch(String collection) {
    AnnSearchReq request =
        AnnSearchReq.builder()
            .vectorFieldName("vector")
            .topK(3)
            .vectors(List.of(new FloatVec(vector(new Random(1)))))
            .build();
    client.hybridSearch(
        HybridSearchReq.builder()
            .collectionName(collection)
            .searchRequests(List.of(request))
            .ranker(new RRFRanker(60))
            .topK(3)
            .build());
    return this;
  }

  /** {@code count} rows with an 8-float {@code vector}, the same for the same count. */
  static List<JsonObject> rows(int count) {
    Random random = new Random(7);
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonArray vector = new JsonArray();
      for (Float f : vector(random)) {
        vector.add(f);
      }
      JsonObject row = new JsonObject();
      row.add("vector", vector);
      rows.add(row);
    }
    return rows;
  }

  private static List<Float> vector(Random random) {
    List<Float> vector = new ArrayList<>();
    for (int d = 0; d < DIMENSION; d++) {
      vector.add(random.nextFloat());
    }
    return vector;
  }

  @Override
  public void close() {
    client.close();
  }
}
