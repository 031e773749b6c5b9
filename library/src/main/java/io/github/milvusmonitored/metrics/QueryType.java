package io.github.milvusmonitored.metrics;

/**
 * The {@code query_type} label of Milvus's search/query latency histogram {@code
 * milvus_proxy_sq_latency}.
 *
 * <p>The values Milvus 2.6 defines in {@code pkg/metrics} (read from source, pkg v2.6.14 and
 * v2.6.16): {@code search}, {@code hybrid_search} (a HybridSearch call, several vector searches
 * reranked) and {@code query}.
 */
public enum QueryType {
  /** A Search call. */
  SEARCH("search"),
  /** A HybridSearch call. */
  HYBRID_SEARCH("hybrid_search"),
  /** A Query call (scalar filtering, get by primary key). */
  QUERY("query");

  private final String label;

  QueryType(String label) {
    this.label = label;
  }

  /** The label value Milvus writes. */
  public String label() {
    return label;
  }
}
