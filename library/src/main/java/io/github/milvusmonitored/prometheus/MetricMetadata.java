package io.github.milvusmonitored.prometheus;

/**
 * Type, help and unit of a metric family as its exporter declared them.
 *
 * @param metric the family name
 * @param type counter, gauge, histogram, summary, or unknown
 * @param help the help text
 * @param unit the unit, often empty
 */
public record MetricMetadata(String metric, String type, String help, String unit) {}
