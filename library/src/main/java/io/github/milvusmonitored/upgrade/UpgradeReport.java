package io.github.milvusmonitored.upgrade;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.upgrade.internal.UpgradeMarkdown;
import java.util.List;

/**
 * What an {@link UpgradeCheck} found.
 *
 * @param from the release the expressions were written for
 * @param to the release they are checked against
 * @param fromCatalogue the catalogue read for {@code from} (another release's when none covers it)
 * @param toCatalogue the catalogue read for {@code to}
 * @param assumptions what was assumed, e.g. that 2.6.18 is read with the catalogue of 2.6.15
 * @param expressions how many expressions were read
 * @param selectors how many selectors they hold
 * @param findings what changes, per selector, in the order the expressions came
 */
public record UpgradeReport(
    MilvusVersion from,
    MilvusVersion to,
    MilvusVersion fromCatalogue,
    MilvusVersion toCatalogue,
    List<String> assumptions,
    int expressions,
    int selectors,
    List<UpgradeFinding> findings) {

  public UpgradeReport {
    assumptions = List.copyOf(assumptions);
    findings = List.copyOf(findings);
  }

  /** The findings that leave a selector matching nothing in the target release. */
  public List<UpgradeFinding> breaks() {
    return findings.stream().filter(UpgradeFinding::breaks).toList();
  }

  /** Whether any selector breaks. */
  public boolean hasBreaks() {
    return findings.stream().anyMatch(UpgradeFinding::breaks);
  }

  /**
   * The report as Markdown: the releases, the assumptions, then the breaks and the other changes
   * with their rewrites.
   */
  public String toMarkdown() {
    return UpgradeMarkdown.of(this);
  }
}
