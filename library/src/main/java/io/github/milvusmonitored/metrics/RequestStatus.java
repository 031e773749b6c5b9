package io.github.milvusmonitored.metrics;

import java.util.regex.Pattern;

/**
 * The outcome classes of {@code milvus_proxy_req_count}'s {@code status} label, matched across Milvus
 * versions.
 *
 * <p>Every request is counted twice: once as {@code total}, once with its outcome. From Milvus 2.6.19
 * {@code fail} splits into {@code fail_input}/{@code fail_system} and {@code rejected} into
 * {@code rejected_user}/{@code rejected_system}; {@link #FAIL} and {@link #REJECTED} match both forms.
 */
public enum RequestStatus {
  TOTAL("total"),
  SUCCESS("success"),
  FAIL("fail.*"),
  RETRY("retry"),
  REJECTED("rejected.*"),
  ABANDON("abandon");

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

  /** Whether a raw {@code status} value belongs to this class. */
  public boolean matches(String status) {
    return pattern.matcher(status).matches();
  }
}
