package io.github.milvusmonitored.upgrade.internal;

import io.github.milvusmonitored.upgrade.UpgradeFinding;
import io.github.milvusmonitored.upgrade.UpgradeReport;
import java.util.List;
import java.util.Locale;

/** The Markdown form of an upgrade report. */
public final class UpgradeMarkdown {

  private UpgradeMarkdown() {}

  public static String of(UpgradeReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Milvus upgrade check: ")
        .append(r.from())
        .append(" -> ")
        .append(r.to())
        .append("\n\n");
    md.append("Catalogues read: ")
        .append(r.fromCatalogue())
        .append(" for ")
        .append(r.from())
        .append(", ")
        .append(r.toCatalogue())
        .append(" for ")
        .append(r.to())
        .append(".\n");
    r.assumptions().forEach(a -> md.append("- Assumption: ").append(a).append('\n'));
    List<UpgradeFinding> breaks = r.breaks();
    List<UpgradeFinding> others = r.findings().stream().filter(f -> !f.breaks()).toList();
    md.append('\n')
        .append(r.expressions())
        .append(r.expressions() == 1 ? " expression, " : " expressions, ")
        .append(r.selectors())
        .append(r.selectors() == 1 ? " selector" : " selectors")
        .append(" checked: ")
        .append(breaks.size())
        .append(breaks.size() == 1 ? " break, " : " breaks, ")
        .append(others.size())
        .append(others.size() == 1 ? " other change.\n" : " other changes.\n");
    section(md, "Breaks: these match nothing in " + r.to(), breaks);
    section(md, "Other changes: these still match, with another meaning", others);
    return md.toString();
  }

  private static void section(StringBuilder md, String title, List<UpgradeFinding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    md.append("\n## ").append(title).append("\n");
    for (UpgradeFinding f : findings) {
      md.append("\n### ").append(f.where()).append("\n\n");
      md.append("- Selector: `")
          .append(f.selector())
          .append("` (")
          .append(kind(f.kind()))
          .append(")\n");
      md.append("- ").append(capitalised(f.explanation())).append(".\n");
      f.rewrite().ifPresent(w -> md.append("- Rewrite: `").append(w).append("`\n"));
    }
  }

  private static String kind(UpgradeFinding.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
