package io.github.milvusmonitored.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * A dashboard variable as the audit resolved it.
 *
 * @param name the variable's name
 * @param type its type in the dashboard ({@code query}, {@code custom}, ...) or {@code built-in}
 * @param values the selected values the queries get; empty when it resolved to nothing (then "All"
 *     without a custom all value inserts {@code ()}, as Grafana does)
 * @param options every value it offers (what Grafana's drop-down would list)
 * @param all whether "All" is selected; also when its query found no value, as Grafana then selects
 *     "All" whatever the saved choice
 * @param bound whether the audit bound it to the release (namespace, app name, instance) instead of
 *     the dashboard's choice
 * @param problem why it resolved to nothing or differs from the bound value; empty when nothing is
 *     wrong
 */
public record ResolvedVariable(
    String name,
    String type,
    List<String> values,
    List<String> options,
    boolean all,
    boolean bound,
    String problem) {
  public ResolvedVariable {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
    options = List.copyOf(options);
    problem = problem == null ? "" : problem;
  }

  /** Whether no value was found: every query using it gets an empty substitution. */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
