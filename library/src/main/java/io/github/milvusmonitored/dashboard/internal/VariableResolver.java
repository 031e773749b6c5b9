package io.github.milvusmonitored.dashboard.internal;

import io.github.milvusmonitored.dashboard.DashboardVariable;
import io.github.milvusmonitored.dashboard.ResolvedVariable;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusQueryException;
import io.github.milvusmonitored.prometheus.SampleValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves {@code templating.list} in dependency order, each variable seeing the ones it refers to:
 * constants, text boxes, custom lists, intervals, the data source, and query variables evaluated
 * against Prometheus ({@code label_values}, {@code label_names}, {@code metrics}, {@code
 * query_result}, or a series selector). Variables bound to the release take the bound value. A
 * variable that cannot be resolved is recorded with its problem and an empty value; it never stops
 * the audit.
 */
public final class VariableResolver {

  private static final Pattern LABEL_VALUES_1 =
      Pattern.compile("^label_values\\(\\s*([a-zA-Z_]\\w*)\\s*\\)$");
  private static final Pattern LABEL_VALUES_2 =
      Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_]\\w*)\\s*\\)$", Pattern.DOTALL);
  private static final Pattern LABEL_NAMES =
      Pattern.compile("^label_names\\((.*)\\)$", Pattern.DOTALL);
  private static final Pattern METRICS = Pattern.compile("^metrics\\((.*)\\)$", Pattern.DOTALL);
  private static final Pattern QUERY_RESULT =
      Pattern.compile("^query_result\\((.+)\\)$", Pattern.DOTALL);

  private final PrometheusClient prometheus;
  private final Map<String, String> bindings;
  private final Instant end;
  private final Map<String, ResolvedVariable> resolved = new LinkedHashMap<>();
  private final Map<String, Boolean> regexFormatted = new LinkedHashMap<>();

  /**
   * @param builtIns Grafana's built-ins ({@code __interval}, {@code __range}, ...) with their
   *     values
   * @param bindings variable name to the value the release gives it
   */
  public VariableResolver(
      PrometheusClient prometheus,
      Map<String, String> builtIns,
      Map<String, String> bindings,
      Instant end) {
    this.prometheus = prometheus;
    this.bindings = Map.copyOf(bindings);
    this.end = end;
    builtIns.forEach(
        (k, v) ->
            put(
                new ResolvedVariable(k, "built-in", List.of(v), List.of(v), false, false, ""),
                false));
  }

  /**
   * Resolves every variable, each after the variables its definition refers to (see {@link
   * VariableOrder}); returns the dashboard's variables (built-ins left out) in the dashboard's
   * order.
   */
  public List<ResolvedVariable> resolveAll(List<DashboardVariable> variables) {
    VariableOrder plan = VariableOrder.of(variables, resolved.keySet());
    Map<String, ResolvedVariable> byName = new LinkedHashMap<>();
    for (DashboardVariable v : plan.order()) {
      ResolvedVariable r = withNote(resolve(v), plan.undefined().getOrDefault(v.name(), List.of()));
      boolean allRaw = r.all() && !v.allValue().isEmpty();
      put(r, (v.multi() || v.includeAll()) && !allRaw);
      byName.put(v.name(), r);
    }
    plan.cycles()
        .forEach(
            (name, chain) -> {
              String bound = bindings.get(name);
              DashboardVariable v =
                  variables.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
              ResolvedVariable r =
                  new ResolvedVariable(
                      name,
                      v.type(),
                      bound == null ? List.of() : List.of(bound),
                      List.of(),
                      false,
                      bound != null,
                      DashboardErrors.variableCycle(chain));
              put(r, false);
              byName.put(name, r);
            });
    return variables.stream().map(v -> byName.get(v.name())).toList();
  }

  private static ResolvedVariable withNote(ResolvedVariable r, List<String> undefined) {
    if (undefined.isEmpty()) {
      return r;
    }
    String note = DashboardErrors.undefinedVariables(undefined);
    return new ResolvedVariable(
        r.name(),
        r.type(),
        r.values(),
        r.options(),
        r.all(),
        r.bound(),
        r.problem().isEmpty() ? note : r.problem() + "; " + note);
  }

  /** Every variable resolved so far, built-ins included, by name. */
  public Map<String, ResolvedVariable> variables() {
    return Map.copyOf(resolved);
  }

  /** Whether each variable gets the regex format by default. */
  public Map<String, Boolean> regexFormatted() {
    return Map.copyOf(regexFormatted);
  }

  /** An interpolator over everything resolved so far. */
  public TemplateInterpolator interpolator() {
    return new TemplateInterpolator(resolved, regexFormatted);
  }

  private void put(ResolvedVariable r, boolean regex) {
    resolved.put(r.name(), r);
    regexFormatted.put(r.name(), regex);
  }

  private ResolvedVariable resolve(DashboardVariable v) {
    String bound = bindings.get(v.name());
    List<String> options;
    String problem = "";
    try {
      options = options(v);
    } catch (PrometheusQueryException e) {
      options = List.of();
      problem =
          "Prometheus rejected its query "
              + interpolator().interpolate(v.query())
              + ": "
              + e.error();
    } catch (UnsupportedVariable | IllegalArgumentException e) {
      options = List.of();
      problem = e.getMessage();
    }
    if (bound != null) {
      String note = problem;
      if (note.isEmpty() && isQuery(v) && !options.contains(bound)) {
        note =
            options.isEmpty()
                ? "its query "
                    + interpolator().interpolate(v.query())
                    + " finds no value, so Grafana's drop-down is empty;"
                    + " the audit uses the bound value "
                    + bound
                : "its query finds " + options + " but not the bound value " + bound;
      }
      return new ResolvedVariable(v.name(), v.type(), List.of(bound), options, false, true, note);
    }
    if (options.isEmpty() && problem.isEmpty()) {
      problem =
          isQuery(v)
              ? "its query " + interpolator().interpolate(v.query()) + " returned no value"
              : "it has no value";
    }
    // With no option, Grafana selects "All" whatever the saved choice (read from its source).
    boolean all =
        v.includeAll()
            && (options.isEmpty()
                || v.current().isEmpty()
                || v.current().contains("$__all")
                || v.current().contains("All"));
    if (all) {
      if (options.isEmpty()) {
        problem = problem + "; " + DashboardErrors.allWithoutOptions(v.allValue());
      }
      return new ResolvedVariable(
          v.name(),
          v.type(),
          v.allValue().isEmpty() ? options : List.of(v.allValue()),
          options,
          true,
          false,
          withExactMatcherNotes(problem, v, options));
    }
    List<String> chosen = new ArrayList<>();
    for (String c : v.current()) {
      if (options.contains(c) || !isQuery(v) && !c.isEmpty()) {
        chosen.add(c);
      }
    }
    if (chosen.isEmpty() && !options.isEmpty()) {
      chosen.add(options.get(0));
    }
    return new ResolvedVariable(
        v.name(),
        v.type(),
        v.multi() ? chosen : chosen.stream().limit(1).toList(),
        options,
        false,
        false,
        withExactMatcherNotes(problem, v, options));
  }

  private String withExactMatcherNotes(String problem, DashboardVariable v, List<String> options) {
    if (!options.isEmpty() || !isQuery(v)) {
      return problem;
    }
    List<String> notes = ExactMatchers.notes(v.query(), resolved, regexFormatted);
    return notes.isEmpty() ? problem : problem + ". " + String.join(" ", notes);
  }

  private List<String> options(DashboardVariable v) {
    return switch (v.type()) {
      case "constant", "textbox" -> v.query().isEmpty() ? v.current() : List.of(v.query());
      case "custom" -> custom(v.query());
      case "interval" -> interval(v);
      case "datasource" ->
          List.of(
              v.current().isEmpty() || v.current().get(0).isEmpty()
                  ? v.query()
                  : v.current().get(0));
      case "query" -> filter(query(interpolator().interpolate(v.query()).strip()), v.regex());
      default ->
          throw new UnsupportedVariable(
              "variables of type '" + v.type() + "' are not evaluated by the audit");
    };
  }

  private static boolean isQuery(DashboardVariable v) {
    return v.type().equals("query");
  }

  private List<String> interval(DashboardVariable v) {
    List<String> values = custom(v.query());
    if (!v.current().isEmpty() && v.current().get(0).startsWith("$__auto")) {
      return List.of(resolved.get("__interval").values().get(0));
    }
    return values;
  }

  /**
   * Grafana's custom list: comma separated, {@code \,} keeps a comma, {@code text : value} pairs
   * give the value.
   */
  static List<String> custom(String query) {
    List<String> out = new ArrayList<>();
    for (String part : query.split("(?<!\\\\),")) {
      String item = part.replace("\\,", ",").strip();
      int colon = item.indexOf(" : ");
      if (colon >= 0) {
        item = item.substring(colon + 3).strip();
      }
      if (!item.isEmpty()) {
        out.add(item);
      }
    }
    return out;
  }

  private List<String> query(String q) {
    Matcher m;
    if (q.isEmpty()) {
      throw new UnsupportedVariable("its query is empty");
    }
    if ((m = LABEL_VALUES_1.matcher(q)).matches()) {
      return prometheus.labelValues(m.group(1));
    }
    if ((m = LABEL_VALUES_2.matcher(q)).matches()) {
      return prometheus.labelValues(m.group(2), m.group(1).strip());
    }
    if ((m = LABEL_NAMES.matcher(q)).matches()) {
      String match = m.group(1).strip();
      return match.isEmpty() ? prometheus.labelNames() : prometheus.labelNames(match);
    }
    if ((m = METRICS.matcher(q)).matches()) {
      Pattern p = compile(m.group(1).strip());
      return prometheus.labelValues("__name__").stream().filter(n -> p.matcher(n).find()).toList();
    }
    if ((m = QUERY_RESULT.matcher(q)).matches()) {
      return prometheus.query(m.group(1).strip(), end).samples().stream()
          .map(
              s ->
                  s.labels().metricName().orElse("")
                      + labelText(s.labels().asMap())
                      + " "
                      + SampleValues.format(s.value())
                      + " "
                      + s.timestamp().toEpochMilli())
          .toList();
    }
    return prometheus.series(q).stream().map(Object::toString).toList();
  }

  private static String labelText(Map<String, String> labels) {
    StringBuilder out = new StringBuilder("{");
    labels.forEach(
        (k, v) -> {
          if (!k.equals("__name__")) {
            out.append(out.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"');
          }
        });
    return out.append('}').toString();
  }

  /**
   * Grafana's regex option ({@code /re/flags}): keeps matching values, the first group (or group
   * "value") when there is one.
   */
  static List<String> filter(List<String> values, String regex) {
    Set<String> out = new LinkedHashSet<>();
    if (regex.isBlank()) {
      out.addAll(values);
      return List.copyOf(out);
    }
    Pattern p = compile(regex);
    boolean named = p.pattern().contains("(?<value>");
    for (String value : values) {
      Matcher m = p.matcher(value);
      if (m.find()) {
        out.add(
            named
                ? m.group("value")
                : m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group());
      }
    }
    return List.copyOf(out);
  }

  private static Pattern compile(String regex) {
    String body = regex;
    int flags = 0;
    if (regex.startsWith("/") && regex.lastIndexOf('/') > 0) {
      body = regex.substring(1, regex.lastIndexOf('/'));
      if (regex.substring(regex.lastIndexOf('/') + 1).contains("i")) {
        flags |= Pattern.CASE_INSENSITIVE;
      }
    }
    try {
      return Pattern.compile(body, flags);
    } catch (PatternSyntaxException e) {
      throw new UnsupportedVariable("its regex " + regex + " is not valid: " + e.getDescription());
    }
  }

  /** A definition the audit cannot evaluate; recorded as the variable's problem. */
  static final class UnsupportedVariable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedVariable(String message) {
      super(message);
    }
  }
}
