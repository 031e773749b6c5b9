package io.github.milvusmonitored.dashboard;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the dashboard's {@code templating.list}.
 *
 * @param name the variable's name, used as {@code $name}
 * @param type {@code query}, {@code custom}, {@code constant}, {@code textbox}, {@code datasource},
 *     {@code interval}, ...
 * @param query the definition: the PromQL helper for a query variable, the comma list for custom
 * @param regex Grafana's regex filter on the values, empty when none
 * @param multi whether several values may be selected
 * @param includeAll whether an "All" option exists
 * @param allValue the custom value of "All", empty to join every value
 * @param current the values selected in the saved dashboard ({@code $__all} for All)
 */
public record DashboardVariable(
    String name,
    String type,
    String query,
    String regex,
    boolean multi,
    boolean includeAll,
    String allValue,
    List<String> current) {
  public DashboardVariable {
    Objects.requireNonNull(name, "name");
    type = type == null ? "" : type;
    query = query == null ? "" : query;
    regex = regex == null ? "" : regex;
    allValue = allValue == null ? "" : allValue;
    current = List.copyOf(current);
  }
}
