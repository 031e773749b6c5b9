package io.github.milvusmonitored.internal;

import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;

/** The argument checks of the library's entry points, with one wording each. */
public final class Checks {

  private Checks() {}

  /**
   * Returns {@code value} when it is longer than zero.
   *
   * @param what what the value is, as the caller named it ({@code "Request timeout"})
   * @throws IllegalArgumentException {@code "<what> must be positive, got <value>. ..."}
   */
  public static Duration positive(String what, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(notPositive(what, value));
    }
    return value;
  }

  /**
   * Returns {@code promql} when it holds an expression.
   *
   * @throws IllegalArgumentException {@code "PromQL must not be blank. ..."}
   */
  public static String promql(String promql) {
    if (promql == null || promql.isBlank()) {
      throw new IllegalArgumentException(
          "PromQL must not be blank. Pass an expression such as"
              + " 'sum(milvus_proxy_req_count{status=\"total\"})'.");
    }
    return promql;
  }

  /** The message of {@link #positive}. */
  public static String notPositive(String what, Duration value) {
    return what
        + " must be positive, got "
        + MonitoredDuration.humanText(value)
        + ". Pass a duration longer than zero, such as Duration.ofSeconds(30).";
  }
}
