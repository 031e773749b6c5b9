package io.github.milvusmonitored.dashboard;

/** What a panel query gave, from best to worst. */
public enum QueryState {
  /** At least one series with at least one point. */
  DATA,
  /** A valid query that returned no series; the audit says why where it can tell. */
  NO_DATA,
  /**
   * No series, and the expression names metrics Prometheus has never ingested (renamed or removed).
   */
  UNKNOWN_METRIC,
  /** Prometheus rejected the query; its message is kept. */
  ERROR
}
