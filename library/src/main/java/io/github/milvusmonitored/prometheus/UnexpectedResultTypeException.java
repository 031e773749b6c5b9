package io.github.milvusmonitored.prometheus;

/**
 * A query answered with another result type than the one asked for (a matrix where a vector was
 * expected).
 */
public class UnexpectedResultTypeException extends PrometheusException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public UnexpectedResultTypeException(String message, String expected, String actual) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }

  /** The result type asked for. */
  public String expected() {
    return expected;
  }

  /** The result type Prometheus returned. */
  public String actual() {
    return actual;
  }
}
