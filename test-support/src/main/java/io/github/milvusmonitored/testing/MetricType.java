package io.github.milvusmonitored.testing;

import java.util.Locale;

/** The Prometheus metric types that appear in the Milvus metric catalogue. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY;

  /** Parses the lower-case name used in the catalogue and in {@code # TYPE} lines. */
  public static MetricType parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** The name written in a {@code # TYPE} line, e.g. {@code histogram}. */
  public String exposedName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
