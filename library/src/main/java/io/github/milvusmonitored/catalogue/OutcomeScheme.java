package io.github.milvusmonitored.catalogue;

import io.github.milvusmonitored.prometheus.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a Milvus release writes a request's outcome on {@code milvus_proxy_req_count} and {@code
 * milvus_proxy_grpc_latency}: which {@code status} and {@code cause} values stand for "failed, the
 * user's fault", "rejected, cancelled" and so on. Read from the catalogue's values for {@code
 * milvus_proxy_req_count}. Only {@link SelectorCheck} uses it.
 */
enum OutcomeScheme {
  /** Up to 2.6.18: status only, no cause recorded. */
  STATUS_ONLY,
  /**
   * 2.6.19: the cause inside the status value ({@code fail_input}, {@code rejected_system}, {@code
   * cancel}).
   */
  SPLIT_STATUS,
  /** 2.6.20: label cause on every outcome, {@code na} where nobody is responsible. */
  CAUSE_WITH_NA,
  /** 2.6.21 and later: label cause on failed and rejected requests only. */
  CAUSE;

  /**
   * A request's outcome class, as the metrics package's {@code RequestStatus} names them and in its
   * order (the catalogue sits below that package, so it keeps its own copy).
   */
  enum Status {
    TOTAL,
    SUCCESS,
    FAIL,
    RETRY,
    REJECTED,
    ABANDON
  }

  /**
   * Who is responsible for a failed or rejected request, as the metrics package's {@code
   * RequestCause}.
   */
  enum Cause {
    USER,
    SYSTEM,
    CANCEL
  }

  /** The families whose status and cause follow the scheme. */
  public static final Set<String> FAMILIES =
      Set.of("milvus_proxy_req_count", "milvus_proxy_grpc_latency");

  /**
   * One meaning: an outcome class and, for failures and rejections, who is responsible.
   *
   * @param cause empty for outcomes nobody is responsible for (success, total, retry, abandon)
   */
  public record Outcome(Status status, Optional<Cause> cause) implements Comparable<Outcome> {
    @Override
    public int compareTo(Outcome o) {
      int c = status.compareTo(o.status);
      return c != 0
          ? c
          : Integer.compare(
              cause.map(Enum::ordinal).orElse(-1), o.cause.map(Enum::ordinal).orElse(-1));
    }

    @Override
    public String toString() {
      return status.name().toLowerCase(Locale.ROOT)
          + cause.map(c -> " (" + c.name().toLowerCase(Locale.ROOT) + ")").orElse("");
    }
  }

  /**
   * How a scheme writes one outcome: its status value and its cause value ({@code ""}: no label).
   */
  public record Written(String status, String cause) {}

  /** Every outcome a request can have. */
  public static List<Outcome> outcomes() {
    List<Outcome> out = new ArrayList<>();
    for (Status s : Status.values()) {
      if (s == Status.FAIL || s == Status.REJECTED) {
        for (Cause c : Cause.values()) {
          out.add(new Outcome(s, Optional.of(c)));
        }
      } else {
        out.add(new Outcome(s, Optional.empty()));
      }
    }
    return out;
  }

  /** The scheme of the release {@code catalogue} describes. */
  public static OutcomeScheme of(MetricCatalogue catalogue) {
    Optional<MetricCatalogue.Family> f = catalogue.family("milvus_proxy_req_count");
    Map<String, List<String>> values = f.map(MetricCatalogue.Family::labelValues).orElse(Map.of());
    if (values.getOrDefault("status", List.of()).contains("fail_input")) {
      return SPLIT_STATUS;
    }
    if (f.isPresent() && f.get().labels().contains("cause")) {
      return values.getOrDefault("cause", List.of()).contains("na") ? CAUSE_WITH_NA : CAUSE;
    }
    return STATUS_ONLY;
  }

  /** How this scheme writes {@code outcome}. */
  public Written write(Outcome outcome) {
    Status s = outcome.status();
    String plain = s == Status.FAIL ? "fail" : s.name().toLowerCase(Locale.ROOT);
    Optional<Cause> cause = outcome.cause();
    return switch (this) {
      case STATUS_ONLY -> new Written(plain, "");
      case SPLIT_STATUS ->
          new Written(
              cause
                  .map(
                      c ->
                          switch (c) {
                            case CANCEL -> "cancel";
                            case USER -> s == Status.FAIL ? "fail_input" : "rejected_user";
                            case SYSTEM -> s == Status.FAIL ? "fail_system" : "rejected_system";
                          })
                  .orElse(plain),
              "");
      case CAUSE_WITH_NA ->
          new Written(plain, cause.map(c -> c.name().toLowerCase(Locale.ROOT)).orElse("na"));
      case CAUSE ->
          new Written(plain, cause.map(c -> c.name().toLowerCase(Locale.ROOT)).orElse(""));
    };
  }

  /** The outcomes a selector's {@code status} and {@code cause} matchers select in this scheme. */
  public Set<Outcome> selected(List<Selector.Matcher> matchers) {
    Set<Outcome> out = new TreeSet<>();
    for (Outcome o : outcomes()) {
      Written w = write(o);
      boolean all =
          matchers.stream()
              .allMatch(
                  m ->
                      m.label().equals("status")
                          ? m.matches(w.status())
                          : !m.label().equals("cause") || m.matches(w.cause()));
      if (all) {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * Matcher sets that select exactly {@code wanted} in this scheme, or as close as it can write
   * them: one set per alternative (several mean "this or that" selectors).
   */
  public List<List<Selector.Matcher>> matchersFor(Set<Outcome> wanted) {
    Map<String, Set<String>> statusesByCause = new TreeMap<>();
    for (Outcome o : wanted) {
      Written w = write(o);
      statusesByCause.computeIfAbsent(w.cause(), k -> new TreeSet<>()).add(w.status());
    }
    // Causes sharing the same statuses go into one selector.
    Map<Set<String>, Set<String>> causesByStatuses = new LinkedHashMap<>();
    statusesByCause.forEach(
        (cause, statuses) ->
            causesByStatuses.computeIfAbsent(statuses, k -> new TreeSet<>()).add(cause));
    List<List<Selector.Matcher>> out = new ArrayList<>();
    causesByStatuses.forEach(
        (statuses, causes) -> {
          List<Selector.Matcher> m = new ArrayList<>();
          m.add(values("status", statuses));
          boolean everyCause =
              this == CAUSE_WITH_NA || this == CAUSE
                  ? causes.containsAll(causesOf(statuses))
                  : true;
          if (!everyCause) {
            m.add(values("cause", causes));
          }
          out.add(m);
        });
    return out;
  }

  /** The cause values this scheme writes with {@code statuses}. */
  private Set<String> causesOf(Set<String> statuses) {
    Set<String> out = new LinkedHashSet<>();
    for (Outcome o : outcomes()) {
      Written w = write(o);
      if (statuses.contains(w.status())) {
        out.add(w.cause());
      }
    }
    return out;
  }

  private static Selector.Matcher values(String label, Set<String> values) {
    return values.size() == 1
        ? new Selector.Matcher(label, "=", values.iterator().next())
        : new Selector.Matcher(label, "=~", String.join("|", values));
  }
}
