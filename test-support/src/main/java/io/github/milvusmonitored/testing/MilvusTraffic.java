package io.github.milvusmonitored.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Simulates client requests to Milvus: raises the proxy metrics the way Milvus's proxy does.
 *
 * <pre>{@code
 * exporter.traffic().insert("books", 100).search("books", Duration.ofMillis(12));
 * exporter.traffic().failedRequest("Search", "books", "fail");
 * }</pre>
 *
 * <p>Each request increments {@code milvus_proxy_req_count} twice, once with {@code status="total"}
 * and once with its outcome, with labels node_id, function_name, status, db_name ({@code default})
 * and collection_name. Thread-safe. Only a standalone or a proxy exporter has one ({@link
 * MilvusTestExporter#traffic()}).
 */
public final class MilvusTraffic {

  static final String REQ_COUNT = "milvus_proxy_req_count";
  static final String INSERT_VECTORS = "milvus_proxy_insert_vectors_count";
  static final String SQ_LATENCY = "milvus_proxy_sq_latency";
  static final String DEFAULT_DB = "default";

  private static final List<String> OUTCOMES_BEFORE_2_6_19 =
      List.of("success", "fail", "retry", "rejected", "abandon");
  private static final List<String> OUTCOMES_FROM_2_6_19 =
      List.of(
          "success",
          "fail_input",
          "fail_system",
          "retry",
          "rejected_user",
          "rejected_system",
          "abandon");

  private final ExporterRegistry registry;
  private final String nodeId;
  private final String milvusVersion;
  private final List<String> outcomes;

  MilvusTraffic(ExporterRegistry registry, String nodeId, String milvusVersion) {
    this.registry = registry;
    this.nodeId = nodeId;
    this.milvusVersion = milvusVersion;
    this.outcomes = splitsFailStatus(milvusVersion) ? OUTCOMES_FROM_2_6_19 : OUTCOMES_BEFORE_2_6_19;
  }

  /** A successful Insert of {@code rows} entities into the collection. */
  public MilvusTraffic insert(String collection, long rows) {
    synchronized (registry) { // a scrape sees the whole request or none of it
      request("Insert", collection, "success");
      registry.incrementCounter(
          INSERT_VECTORS,
          Map.of("node_id", nodeId, "db_name", DEFAULT_DB, "collection_name", collection),
          rows);
    }
    return this;
  }

  /** A successful Search that took {@code latency}, observed in milliseconds. */
  public MilvusTraffic search(String collection, Duration latency) {
    return readRequest("Search", "search", collection, latency);
  }

  /**
   * A successful HybridSearch that took {@code latency}, observed with query type {@code
   * hybrid_search}.
   */
  public MilvusTraffic hybridSearch(String collection, Duration latency) {
    return readRequest("HybridSearch", "hybrid_search", collection, latency);
  }

  /** A successful Query that took {@code latency}, observed in milliseconds. */
  public MilvusTraffic query(String collection, Duration latency) {
    return readRequest("Query", "query", collection, latency);
  }

  /**
   * A successful call of any other proxy method, e.g. {@code DescribeCollection} or {@code
   * Connect}.
   */
  public MilvusTraffic succeededRequest(String functionName, String collection) {
    return request(functionName, collection, "success");
  }

  /** A failed call without a collection; the status must exist in the configured Milvus version. */
  public MilvusTraffic failedRequest(String functionName, String status) {
    return failedRequest(functionName, "", status);
  }

  /**
   * A failed call on a collection, e.g. {@code failedRequest("Search", "books", "fail")} on 2.6.15.
   */
  public MilvusTraffic failedRequest(String functionName, String collection, String status) {
    if (status.equals("success") || !outcomes.contains(status)) {
      throw ExporterErrors.statusNotInVersion(status, milvusVersion, outcomes);
    }
    return request(functionName, collection, status);
  }

  /**
   * The request outcomes ({@code status} values besides {@code total}) of the configured version.
   */
  public List<String> outcomes() {
    return outcomes;
  }

  private MilvusTraffic readRequest(
      String function, String queryType, String collection, Duration latency) {
    synchronized (registry) {
      request(function, collection, "success");
      registry.observe(
          SQ_LATENCY,
          Map.of(
              "node_id",
              nodeId,
              "query_type",
              queryType,
              "db_name",
              DEFAULT_DB,
              "collection_name",
              collection),
          latency.toNanos() / 1e6);
    }
    return this;
  }

  private MilvusTraffic request(String function, String collection, String outcome) {
    synchronized (registry) {
      for (String status : List.of("total", outcome)) {
        registry.incrementCounter(
            REQ_COUNT,
            Map.of(
                "node_id",
                nodeId,
                "function_name",
                function,
                "status",
                status,
                "db_name",
                DEFAULT_DB,
                "collection_name",
                collection),
            1);
      }
    }
    return this;
  }

  /**
   * Whether {@code version} writes the outcome's cause into a label of its own (2.6.20 and later).
   */
  static boolean writesCauseLabel(String version) {
    return splitsFailStatus(version)
        && !version.replaceFirst("^v", "").matches("2\\.6\\.19([.-].*)?");
  }

  static boolean splitsFailStatus(String version) {
    String[] parts = version.replaceFirst("^v", "").split("[.-]");
    int[] numbers = new int[3];
    for (int i = 0; i < 3; i++) {
      numbers[i] = i < parts.length ? Integer.parseInt(parts[i]) : 0;
    }
    int major = numbers[0];
    int minor = numbers[1];
    int patch = numbers[2];
    return major > 2 || (major == 2 && (minor > 6 || (minor == 6 && patch >= 19)));
  }
}
