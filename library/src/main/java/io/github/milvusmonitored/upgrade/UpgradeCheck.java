package io.github.milvusmonitored.upgrade;

import io.github.milvusmonitored.catalogue.CatalogueCoverage;
import io.github.milvusmonitored.catalogue.MetricCatalogue;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.catalogue.SelectorChange;
import io.github.milvusmonitored.catalogue.SelectorCheck;
import io.github.milvusmonitored.prometheus.Promql;
import io.github.milvusmonitored.prometheus.Selector;
import io.github.milvusmonitored.upgrade.internal.UpgradeTexts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Checks PromQL written for one Milvus release against another: each selector that matches nothing
 * or means something else in the target release (metric renamed or removed, label added or removed,
 * a label value that no longer occurs), with the rewrite that keeps it working. Reads the library's
 * metric catalogues; a release without its own catalogue is read with the nearest one, and the
 * report says so.
 *
 * <pre>{@code
 * UpgradeReport report = UpgradeCheck.between("v2.6.18", "v2.6.19")
 *     .check(UpgradeInputs.ruleFile(Path.of("rules.yaml")));
 * if (report.hasBreaks()) {
 *   System.out.println(report.toMarkdown());
 * }
 * }</pre>
 */
public final class UpgradeCheck {

  private final MilvusVersion from;
  private final MilvusVersion to;
  private final CatalogueCoverage.Choice fromCatalogue;
  private final CatalogueCoverage.Choice toCatalogue;

  private UpgradeCheck(MilvusVersion from, MilvusVersion to) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.fromCatalogue = MetricCatalogue.forVersion(from);
    this.toCatalogue = MetricCatalogue.forVersion(to);
  }

  /**
   * The check from release {@code from} to release {@code to}, e.g. {@code "v2.6.18"} and {@code
   * "2.6.19"}.
   *
   * @throws IllegalArgumentException when either is not a Milvus version, naming it
   */
  public static UpgradeCheck between(String from, String to) {
    return between(MilvusVersion.parse(from), MilvusVersion.parse(to));
  }

  /** The check from release {@code from} to release {@code to}. */
  public static UpgradeCheck between(MilvusVersion from, MilvusVersion to) {
    return new UpgradeCheck(from, to);
  }

  /** Checks every selector of {@code expressions}. */
  public UpgradeReport check(Collection<PromqlExpression> expressions) {
    if (expressions.isEmpty()) {
      throw new UpgradeCheckException(UpgradeTexts.noInput());
    }
    SelectorCheck check =
        new SelectorCheck(
            fromCatalogue.catalogue(), from.toString(), toCatalogue.catalogue(), to.toString());
    List<UpgradeFinding> findings = new ArrayList<>();
    int selectors = 0;
    for (PromqlExpression e : expressions) {
      for (Selector s : Promql.selectors(e.expr())) {
        selectors++;
        for (SelectorChange c : check.check(s)) {
          findings.add(
              new UpgradeFinding(
                  e.where(),
                  e.expr(),
                  s.text(),
                  kind(c.kind()),
                  c.breaks(),
                  c.explanation(),
                  c.rewrite()));
        }
      }
    }
    List<String> assumptions = new ArrayList<>();
    fromCatalogue.assumption().ifPresent(assumptions::add);
    toCatalogue.assumption().ifPresent(assumptions::add);
    return new UpgradeReport(
        from,
        to,
        fromCatalogue.catalogue().version(),
        toCatalogue.catalogue().version(),
        assumptions,
        expressions.size(),
        selectors,
        findings);
  }

  private static UpgradeFinding.Kind kind(SelectorChange.Kind kind) {
    return switch (kind) {
      case METRIC_RENAMED -> UpgradeFinding.Kind.METRIC_RENAMED;
      case METRIC_REMOVED -> UpgradeFinding.Kind.METRIC_REMOVED;
      case LABEL_REMOVED -> UpgradeFinding.Kind.LABEL_REMOVED;
      case LABEL_ADDED -> UpgradeFinding.Kind.LABEL_ADDED;
      case LABEL_VALUES_CHANGED -> UpgradeFinding.Kind.LABEL_VALUES_CHANGED;
    };
  }
}
