package io.github.milvusmonitored.upgrade;

import java.util.Objects;

/**
 * One PromQL expression to check, with where it comes from.
 *
 * @param where e.g. {@code rules.yaml: alert MilvusProxyFailures} or {@code dashboard 'Milvus'
 *     panel Proxy / Requests (A)}
 * @param expr the PromQL
 */
public record PromqlExpression(String where, String expr) {
  public PromqlExpression {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(expr, "expr");
  }
}
