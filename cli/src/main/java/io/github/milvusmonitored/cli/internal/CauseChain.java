package io.github.milvusmonitored.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An exception's message followed by each cause whose message it does not already contain, one per
 * line: the cause chain once, without the copies that wrapping messages repeat.
 */
public final class CauseChain {

  private CauseChain() {}

  public static String describe(Throwable failure) {
    StringBuilder out = new StringBuilder(String.valueOf(failure.getMessage()));
    List<String> seen = new ArrayList<>();
    seen.add(out.toString());
    for (Throwable cause = failure.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      String type = cause.getClass().getName();
      String message = cause.getMessage();
      String telling = message == null ? type : message;
      if (seen.stream().noneMatch(s -> s.contains(telling))) {
        out.append(System.lineSeparator())
            .append("  caused by ")
            .append(message == null ? type : cause.getClass().getSimpleName() + ": " + message);
      }
      seen.add(telling);
    }
    return out.toString();
  }
}
