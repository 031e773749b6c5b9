package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which the variables can be resolved: each after every variable its definition (query
 * or regex) refers to as {@code $x}, {@code ${x}}, {@code ${x:format}} or {@code [[x]]}, ties kept
 * in the dashboard's order. Dashboards do not list their variables in that order (Milvus 2.3's
 * lists {@code app_name} after the queries using it), and Grafana does not resolve them in list
 * order either.
 *
 * @param order the variables that can be resolved, in the order to resolve them
 * @param cycles for each variable no order resolves, the chain of references from it into a cycle
 * @param undefined for each variable, the names it refers to that are neither variables nor
 *     built-ins
 */
record VariableOrder(
    List<DashboardVariable> order,
    Map<String, List<String>> cycles,
    Map<String, List<String>> undefined) {

  VariableOrder {
    order = List.copyOf(order);
    cycles = Map.copyOf(cycles);
    undefined = Map.copyOf(undefined);
  }

  /**
   * @param builtIns names resolved before any variable; names starting with {@code __} count as
   *     Grafana's built-ins too and are never reported as undefined
   */
  static VariableOrder of(List<DashboardVariable> variables, Set<String> builtIns) {
    Map<String, DashboardVariable> byName = new LinkedHashMap<>();
    variables.forEach(v -> byName.putIfAbsent(v.name(), v));
    Map<String, Set<String>> uses = new LinkedHashMap<>();
    Map<String, List<String>> undefined = new LinkedHashMap<>();
    for (DashboardVariable v : byName.values()) {
      Set<String> refs = new LinkedHashSet<>(TemplateInterpolator.referencedNames(v.query()));
      refs.addAll(TemplateInterpolator.referencedNames(v.regex()));
      Set<String> mine = new LinkedHashSet<>();
      List<String> unknown = new ArrayList<>();
      for (String ref : refs) {
        if (byName.containsKey(ref)) {
          mine.add(ref);
        } else if (!builtIns.contains(ref) && !ref.startsWith("__")) {
          unknown.add(ref);
        }
      }
      uses.put(v.name(), mine);
      if (!unknown.isEmpty()) {
        undefined.put(v.name(), unknown);
      }
    }
    List<DashboardVariable> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (DashboardVariable v : byName.values()) {
        if (!done.contains(v.name()) && done.containsAll(uses.get(v.name()))) {
          order.add(v);
          done.add(v.name());
          progress = true;
        }
      }
    }
    Map<String, List<String>> cycles = new LinkedHashMap<>();
    byName.keySet().stream()
        .filter(n -> !done.contains(n))
        .forEach(n -> cycles.put(n, chain(n, uses, done)));
    return new VariableOrder(order, cycles, undefined);
  }

  /** From {@code name} along unresolved references until a name repeats. */
  private static List<String> chain(String name, Map<String, Set<String>> uses, Set<String> done) {
    List<String> path = new ArrayList<>(List.of(name));
    String current = name;
    while (true) {
      String next =
          uses.get(current).stream().filter(n -> !done.contains(n)).findFirst().orElseThrow();
      path.add(next);
      if (path.indexOf(next) < path.size() - 1) {
        return path;
      }
      current = next;
    }
  }
}
