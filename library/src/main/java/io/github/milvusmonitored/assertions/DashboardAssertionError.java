package io.github.milvusmonitored.assertions;

import io.github.milvusmonitored.dashboard.DashboardAudit;

/**
 * A dashboard assertion failed; carries the audit so that a test framework can write its report
 * next to the failure (the JUnit extension does).
 */
public class DashboardAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient DashboardAudit audit;

  public DashboardAssertionError(String message, DashboardAudit audit) {
    super(message);
    this.audit = audit;
  }

  /** The audit the assertion looked at. */
  public DashboardAudit audit() {
    return audit;
  }
}
