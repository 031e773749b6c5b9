package io.github.milvusmonitored.metrics;

import java.util.regex.Pattern;

/**
 * The outcome classes of {@code milvus_proxy_req_count}'s {@code status} label, matched across Milvus
 * versions.
 *
 * <p>Every request is counted twice: once as {@code total}, once with its outcome. The values are those
 * Milvus 2.6 defines in {@code pkg/metrics} (read from source, pkg v2.6.14 and v2.6.16): {@code total},
 * {@code success}, {@code fail}, {@code retry}, {@code rejected}, {@code abandon} (the request could
 * not be queued) and {@code cancel}. From Milvus 2.6.19 {@code fail} splits into
 * {@code fail_input}/{@code fail_system} and {@code rejected} into {@code rejected_user}/{@code rejected_system};
 * {@link #FAIL} and {@link #REJECTED} match both forms. A value no class matches is still counted:
 * {@link RequestCounts} keeps every raw value ({@link RequestCounts#unclassified()}).
 */
public enum RequestStatus {
  /** Every request, whatever its outcome. */
  TOTAL("total"),
  /** Answered without error. */
  SUCCESS("success"),
  /** Failed: {@code fail}, and from 2.6.19 {@code fail_input} and {@code fail_system}. */
  FAIL("fail.*"),
  /** Failed with a code the client should retry (rate limit, schema mismatch). */
  RETRY("retry"),
  /** Refused by an interceptor: {@code rejected}, and from 2.6.19 {@code rejected_user} and {@code rejected_system}. */
  REJECTED("rejected.*"),
  /** Never queued: the proxy's task queue refused it. */
  ABANDON("abandon"),
  /** Cancelled by the client or its deadline. */
  CANCEL("cancel");

  private final String regex;
  private final Pattern pattern;

  RequestStatus(String regex) {
    this.regex = regex;
    this.pattern = Pattern.compile(regex);
  }

  /** The PromQL matcher for this class, e.g. {@code status=~"fail.*"}. */
  public String matcher() {
    return "status=~\"" + regex + "\"";
  }

  /** The class a raw {@code status} value belongs to; empty for a value none matches. */
  public static java.util.Optional<RequestStatus> classify(String status) {
    return java.util.Arrays.stream(values()).filter(s -> s.matches(status)).findFirst();
  }

  /** Whether a raw {@code status} value belongs to this class. */
  public boolean matches(String status) {
    return pattern.matcher(status).matches();
  }
}
