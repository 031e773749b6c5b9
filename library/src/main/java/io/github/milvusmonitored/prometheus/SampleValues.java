package io.github.milvusmonitored.prometheus;

/**
 * Converts between Prometheus's sample value text and {@code double}, including "NaN", "+Inf",
 * "-Inf".
 *
 * <p>{@code Double.parseDouble("+Inf")} throws, which is why this exists.
 */
public final class SampleValues {

  private SampleValues() {}

  /**
   * Parses a value as Prometheus writes it in the HTTP API.
   *
   * @throws NumberFormatException naming the text when it is not a Prometheus sample value
   */
  public static double parse(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new NumberFormatException("Not a Prometheus sample value: '" + text + "'");
        }
    }
  }

  /**
   * Formats a value the way Prometheus does: "NaN", "+Inf", "-Inf", otherwise the shortest form.
   */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
