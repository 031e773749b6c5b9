package io.github.milvusmonitored.catalogue;

import io.github.milvusmonitored.catalogue.SelectorChange.Kind;
import io.github.milvusmonitored.prometheus.Selector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What changes for one PromQL selector from one Milvus release to another, read from their
 * catalogues.
 *
 * <pre>{@code
 * SelectorCheck check = new SelectorCheck(MetricCatalogue.of(MilvusVersion.parse("2.6.15")), "2.6.18",
 *     MetricCatalogue.of(MilvusVersion.parse("2.6.19")), "2.6.19");
 * for (Selector s : Promql.selectors("rate(milvus_proxy_req_count{status=\"fail\"}[5m])")) {
 *   check.check(s).forEach(c -> System.out.println(c.kind() + ": " + c.explanation() + " " + c.rewrite()));
 * }
 * }</pre>
 *
 * <p>Compares its metric (renamed, removed), the labels it matches on (removed), the labels the
 * metric gains, and the values it matches (gone, or meaning something else; for request outcomes,
 * by how each release writes a request's status and cause). A matcher whose value holds a dashboard
 * variable ({@code $node}) is not judged by its value.
 */
public final class SelectorCheck {

  private static final List<String> SERIES_SUFFIXES =
      List.of("_bucket", "_sum", "_count", "_total", "");
  // Milvus 2.3 exports knowhere's families with this prefix, 2.6 without.
  private static final String KNOWHERE = "knowhere_";

  private final MetricCatalogue from;
  private final MetricCatalogue to;
  private final String fromName;
  private final String toName;

  /**
   * The check from the release {@code from} describes to the one {@code to} describes.
   *
   * @param fromName the source release as the explanations name it, e.g. {@code 2.6.18}
   * @param toName the target release as the explanations name it
   */
  public SelectorCheck(MetricCatalogue from, String fromName, MetricCatalogue to, String toName) {
    this.from = from;
    this.to = to;
    this.fromName = fromName;
    this.toName = toName;
  }

  /**
   * What changes for {@code selector}; empty when nothing changes or its metric is not Milvus's in
   * the source release.
   */
  public List<SelectorChange> check(Selector selector) {
    List<SelectorChange> out = new ArrayList<>();
    Optional<MetricCatalogue.Family> before = from.family(selector.metric());
    if (before.isEmpty()) {
      return out;
    }
    String metric = selector.metric();
    Optional<MetricCatalogue.Family> after = to.family(metric);
    if (after.isEmpty()) {
      Optional<String> renamed = renamed(metric);
      if (renamed.isEmpty()) {
        List<String> similar = SimilarNames.of(metric, to.families().keySet());
        out.add(
            change(
                Kind.METRIC_REMOVED,
                true,
                ChangeTexts.removed(metric, toName, to.valuesObserved(), similar),
                Optional.empty()));
        return out;
      }
      metric = renamed.get();
      after = to.family(metric);
      out.add(
          change(
              Kind.METRIC_RENAMED,
              true,
              ChangeTexts.renamed(before.get().name(), after.get().name(), toName),
              Optional.of(selector.rewritten(metric, selector.matchers()))));
    }
    MetricCatalogue.Family b = before.get();
    MetricCatalogue.Family a = after.get();
    List<Selector.Matcher> kept = new ArrayList<>();
    boolean outcomes =
        OutcomeScheme.FAMILIES.contains(b.name()) && OutcomeScheme.FAMILIES.contains(a.name());
    for (Selector.Matcher m : selector.matchers()) {
      boolean outcomeLabel = outcomes && (m.label().equals("status") || m.label().equals("cause"));
      if (!outcomeLabel
          && b.labels().contains(m.label())
          && !a.labels().contains(m.label())
          && !templated(m)
          && !m.matches("")) {
        out.add(
            change(
                Kind.LABEL_REMOVED,
                true,
                ChangeTexts.labelRemoved(b.name(), m.label(), m.toString(), fromName, toName),
                Optional.of(
                    selector.rewritten(
                        metric, selector.matchers().stream().filter(x -> x != m).toList()))));
      } else {
        kept.add(m);
      }
      if (!outcomeLabel && !templated(m) && !m.op().startsWith("!")) {
        valuesGone(b, a, m).ifPresent(out::add);
      }
    }
    if (outcomes) {
      outcomeChange(selector, metric).ifPresent(out::add);
    }
    List<String> added = a.labels().stream().filter(l -> !b.labels().contains(l)).toList();
    if (!added.isEmpty() && out.stream().noneMatch(SelectorChange::breaks)) {
      out.add(
          change(
              Kind.LABEL_ADDED,
              false,
              ChangeTexts.labelAdded(a.name(), added, fromName, toName),
              Optional.empty()));
    }
    return out;
  }

  /**
   * The name {@code metric} has in the target release, when only knowhere's prefix was added or
   * dropped.
   */
  private Optional<String> renamed(String metric) {
    for (String suffix : SERIES_SUFFIXES) {
      if (!metric.endsWith(suffix)) {
        continue;
      }
      String family = metric.substring(0, metric.length() - suffix.length());
      String other =
          family.startsWith(KNOWHERE) ? family.substring(KNOWHERE.length()) : KNOWHERE + family;
      if (to.families().containsKey(other) && from.families().containsKey(family)) {
        return Optional.of(other + suffix);
      }
    }
    return Optional.empty();
  }

  private Optional<SelectorChange> valuesGone(
      MetricCatalogue.Family b, MetricCatalogue.Family a, Selector.Matcher m) {
    List<String> before = b.labelValues().get(m.label());
    List<String> after = a.labelValues().get(m.label());
    if (before == null || after == null || to.valuesObserved()) {
      return Optional.empty();
    }
    Set<String> matchedBefore = before.stream().filter(m::matches).collect(Collectors.toSet());
    boolean nothingAfter = after.stream().noneMatch(m::matches);
    if (matchedBefore.isEmpty() || after.containsAll(matchedBefore)) {
      return Optional.empty();
    }
    return Optional.of(
        change(
            Kind.LABEL_VALUES_CHANGED,
            nothingAfter,
            ChangeTexts.valuesGone(m.toString(), b.name(), fromName, toName, after),
            Optional.empty()));
  }

  private Optional<SelectorChange> outcomeChange(Selector s, String metric) {
    List<Selector.Matcher> outcomeMatchers =
        s.matchers().stream()
            .filter(m -> m.label().equals("status") || m.label().equals("cause"))
            .toList();
    if (outcomeMatchers.isEmpty() || outcomeMatchers.stream().anyMatch(SelectorCheck::templated)) {
      return Optional.empty();
    }
    OutcomeScheme before = OutcomeScheme.of(from);
    OutcomeScheme after = OutcomeScheme.of(to);
    Set<OutcomeScheme.Outcome> wanted = before.selected(outcomeMatchers);
    Set<OutcomeScheme.Outcome> got = after.selected(outcomeMatchers);
    if (wanted.equals(got) || wanted.isEmpty()) {
      return Optional.empty();
    }
    List<Selector.Matcher> others =
        s.matchers().stream()
            .filter(m -> !m.label().equals("status") && !m.label().equals("cause"))
            .toList();
    List<String> alternatives = new ArrayList<>();
    Set<OutcomeScheme.Outcome> rewriteSelects = new TreeSet<>();
    for (List<Selector.Matcher> alt : after.matchersFor(wanted)) {
      List<Selector.Matcher> all = new ArrayList<>(others);
      all.addAll(alt);
      alternatives.add(s.rewritten(metric, all));
      rewriteSelects.addAll(after.selected(alt));
    }
    String rewrite = String.join(" or ", alternatives);
    rewriteSelects.removeAll(wanted);
    String matchers =
        outcomeMatchers.stream().map(Selector.Matcher::toString).collect(Collectors.joining(", "));
    String explanation =
        got.isEmpty()
            ? ChangeTexts.outcomesGone(matchers, fromName, words(wanted), toName, written(after))
            : ChangeTexts.outcomesChanged(matchers, fromName, words(wanted), toName, words(got));
    if (!rewriteSelects.isEmpty()) {
      explanation += ChangeTexts.approximate(words(rewriteSelects));
    }
    return Optional.of(
        change(Kind.LABEL_VALUES_CHANGED, got.isEmpty(), explanation, Optional.of(rewrite)));
  }

  private static String words(Set<OutcomeScheme.Outcome> outcomes) {
    return outcomes.stream().map(OutcomeScheme.Outcome::toString).collect(Collectors.joining(", "));
  }

  /** {@code status success|fail|...; cause user|system|...} as the scheme writes them. */
  private static String written(OutcomeScheme scheme) {
    Set<String> statuses = new LinkedHashSet<>();
    Set<String> causes = new LinkedHashSet<>();
    for (OutcomeScheme.Outcome o : OutcomeScheme.outcomes()) {
      OutcomeScheme.Written w = scheme.write(o);
      statuses.add(w.status());
      if (!w.cause().isEmpty()) {
        causes.add(w.cause());
      }
    }
    return "status "
        + String.join("|", statuses)
        + (causes.isEmpty() ? ", no cause label" : "; cause " + String.join("|", causes));
  }

  /**
   * Whether the value holds a Grafana variable, so what it matches is unknown until the dashboard
   * runs.
   */
  private static boolean templated(Selector.Matcher m) {
    return m.value().contains("$");
  }

  private static SelectorChange change(
      Kind kind, boolean breaks, String explanation, Optional<String> rewrite) {
    return new SelectorChange(kind, breaks, explanation, rewrite);
  }
}
