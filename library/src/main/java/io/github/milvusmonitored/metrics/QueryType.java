package io.github.milvusmonitored.metrics;

/** The {@code query_type} label of Milvus's search/query latency histogram {@code milvus_proxy_sq_latency}. */
public enum QueryType {
  SEARCH("search"),
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
