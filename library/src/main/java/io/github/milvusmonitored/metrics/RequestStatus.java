package io.github.milvusmonitored.metrics;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outcome classes of {@code milvus_proxy_req_count}'s {@code status} label, with the same
 * meaning on every Milvus version.
 *
 * <p>Every request is counted twice: once as {@code total}, once with its outcome. The values by
 * release (the metric catalogues of the library, each fact with its origin):
 *
 * <ul>
 *   <li>2.3.x to 2.6.18: {@code total, success, fail, retry, rejected, abandon}; a cancelled
 *       request counts as {@code fail} or {@code rejected}, and no cause is recorded.
 *   <li>2.6.19 (PR #50221): {@code fail} split into {@code fail_input}/{@code fail_system}, {@code
 *       rejected} into {@code rejected_user}/{@code rejected_system}, cancellations into {@code
 *       cancel}.
 *   <li>2.6.20 and later (PRs #51496, #51918, #51909): the values of 2.6.18 again, the cause in a
 *       new label {@code cause} ({@code user}, {@code system}, {@code cancel}; {@code na} on the
 *       other outcomes in 2.6.20, no cause from 2.6.21).
 * </ul>
 *
 * So {@link #FAIL} matches {@code fail}, {@code fail_input}, {@code fail_system} and 2.6.19's
 * {@code cancel} (2.6.19 does not record whether a cancelled request failed or was rejected: the
 * library counts it as a failure, as 2.6.20 does for a cancellation after the request was
 * accepted), and {@link #REJECTED} {@code rejected}, {@code rejected_user}, {@code
 * rejected_system}. The cause is a separate dimension: {@link RequestCause}, {@link
 * RequestCounts#count(String, RequestStatus, RequestCause)}. A value no class matches is still
 * counted: {@link RequestCounts#unclassified()}.
 */
public enum RequestStatus {
  /** Every request, whatever its outcome. */
  TOTAL("total"),
  /** Answered without error. */
  SUCCESS("success"),
  /** Failed: {@code fail}; in 2.6.19 {@code fail_input}, {@code fail_system} and {@code cancel}. */
  FAIL("fail.*|cancel"),
  /** Failed with a code the client should retry (rate limit, schema mismatch). */
  RETRY("retry"),
  /**
   * Refused by an interceptor: {@code rejected}; in 2.6.19 {@code rejected_user} and {@code
   * rejected_system}.
   */
  REJECTED("rejected.*"),
  /** Never queued: the proxy's task queue refused it. */
  ABANDON("abandon");

  private final String regex;
  private final Pattern pattern;

  RequestStatus(String regex) {
    this.regex = regex;
    this.pattern = Pattern.compile(regex);
  }

  /** The PromQL matcher for this class on every version, e.g. {@code status=~"fail.*|cancel"}. */
  public String matcher() {
    return "status=~\"" + regex + "\"";
  }

  /** The class a raw {@code status} value belongs to; empty for a value none matches. */
  public static Optional<RequestStatus> classify(String status) {
    return Arrays.stream(values()).filter(s -> s.matches(status)).findFirst();
  }

  /** Whether a raw {@code status} value belongs to this class. */
  public boolean matches(String status) {
    return pattern.matcher(status).matches();
  }
}
