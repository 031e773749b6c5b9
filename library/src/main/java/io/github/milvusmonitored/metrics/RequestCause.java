package io.github.milvusmonitored.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * Who is responsible for a failed or rejected request, where the Milvus version records it: from
 * 2.6.19 in the {@code status} value itself ({@code fail_input}, {@code rejected_system}, {@code
 * cancel}), from 2.6.20 in the label {@code cause}. Releases before 2.6.19 do not record it.
 */
public enum RequestCause {
  /**
   * The caller's fault: invalid input, a rejected user request ({@code fail_input}, {@code
   * rejected_user}, {@code cause="user"}).
   */
  USER,
  /** Milvus's fault ({@code fail_system}, {@code rejected_system}, {@code cause="system"}). */
  SYSTEM,
  /**
   * Cancelled by the client or its deadline ({@code status="cancel"} in 2.6.19, {@code
   * cause="cancel"} from 2.6.20).
   */
  CANCEL;

  /**
   * The cause a series records: from its {@code cause} label when it has one ({@code user}, {@code
   * system}, {@code cancel}), else from a 2.6.19 status value; empty when the series records none
   * ({@code na}, no label, a release before 2.6.19).
   */
  public static Optional<RequestCause> of(String status, String cause) {
    String c = cause == null ? "" : cause.toLowerCase(Locale.ROOT);
    switch (c) {
      case "user":
        return Optional.of(USER);
      case "system":
        return Optional.of(SYSTEM);
      case "cancel":
        return Optional.of(CANCEL);
      default:
        break;
    }
    return switch (status == null ? "" : status) {
      case "fail_input", "rejected_user" -> Optional.of(USER);
      case "fail_system", "rejected_system" -> Optional.of(SYSTEM);
      case "cancel" -> Optional.of(CANCEL);
      default -> Optional.empty();
    };
  }
}
