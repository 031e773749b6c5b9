package com.example;

import static io.github.milvusmonitored.assertions.MetricAssertions.assertThatMetric;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.milvusmonitored.junit.MilvusMonitored;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

// README.md, Quick start: the code block as written, plus its imports.
@MilvusMonitored(disabledWithoutDocker = true)
class MilvusMetricsTest {

  @Test
  void inserts_are_counted(MilvusClientV2 milvus, MilvusMetrics metrics) {
    milvus.createCollection(CreateCollectionReq.builder()
        .collectionName("books").dimension(8).autoID(true).build());
    milvus.insert(InsertReq.builder().collectionName("books").data(rows(100)).build());

    assertThatMetric(metrics, "sum(milvus_proxy_insert_vectors_count)")
        .eventually(Duration.ofMinutes(1))
        .isGreaterThanOrEqualTo(100);
  }

  static List<JsonObject> rows(int count) {
    Random random = new Random(7);
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonArray vector = new JsonArray();
      for (int d = 0; d < 8; d++) {
        vector.add(random.nextFloat());
      }
      JsonObject row = new JsonObject();
      row.add("vector", vector);
      rows.add(row);
    }
    return rows;
  }
}
