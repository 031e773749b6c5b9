package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.catalogue.MilvusVersion;
import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.dashboard.DashboardSource;
import io.github.milvusmonitored.upgrade.PromqlExpression;
import io.github.milvusmonitored.upgrade.UpgradeCheck;
import io.github.milvusmonitored.upgrade.UpgradeCheckException;
import io.github.milvusmonitored.upgrade.UpgradeInputs;
import io.github.milvusmonitored.upgrade.UpgradeReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check-upgrade}: checks the PromQL of rule files, Grafana dashboards and plain lists
 * written for one Milvus release against another, prints the Markdown report and, with {@code
 * --report}, writes it.
 *
 * <p>Exit codes: 0 nothing breaks, 4 some selector breaks, 1 an input could not be read, 2 bad
 * command line.
 */
public final class CheckUpgradeCommand {

  /** Exit code when the check ran and some selector matches nothing in the target release. */
  public static final int BREAKS_FOUND = 4;

  static final List<String> OPTIONS =
      List.of(
          "--from=<Milvus version>",
          "--to=<Milvus version>",
          "--rules=<rule file or PrometheusRule>",
          "--dashboard=<Grafana dashboard file>",
          "--queries=<file>",
          "--report=<file.md>",
          "--help");
  private static final List<String> REPEATABLE = List.of("--rules", "--dashboard", "--queries");

  /** Runs the command with the arguments after its name; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    CommandOptions o = CommandOptions.parse(args, "check-upgrade", OPTIONS, REPEATABLE);
    if (o.help()) {
      out.print(CliTexts.checkUpgradeUsage());
      return CliTexts.DONE;
    }
    MilvusVersion from = version(o, "--from");
    MilvusVersion to = version(o, "--to");
    if (o.all("--rules").isEmpty()
        && o.all("--dashboard").isEmpty()
        && o.all("--queries").isEmpty()) {
      throw new CliUsageException(CliTexts.checkUpgradeNoInput());
    }
    String target = o.get("--report", null);
    Path reportFile = target == null ? null : OptionValues.writableFile("--report", target);
    UpgradeCheck check = UpgradeCheck.between(from, to);
    UpgradeReport report;
    try {
      List<PromqlExpression> expressions = new ArrayList<>();
      o.all("--rules").forEach(f -> expressions.addAll(UpgradeInputs.ruleFile(Path.of(f))));
      o.all("--dashboard")
          .forEach(
              f -> expressions.addAll(UpgradeInputs.dashboard(DashboardSource.file(Path.of(f)))));
      o.all("--queries").forEach(f -> expressions.addAll(UpgradeInputs.list(Path.of(f))));
      report = check.check(expressions);
    } catch (UpgradeCheckException | DashboardException e) {
      throw new CommandFailure(CauseChain.describe(e), e);
    }
    String markdown = report.toMarkdown();
    out.print(markdown);
    if (reportFile != null) {
      try {
        Files.writeString(reportFile, markdown, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CommandFailure(
            CliTexts.reportNotWritten("--report", reportFile, e.toString()), e);
      }
    }
    return report.hasBreaks() ? BREAKS_FOUND : CliTexts.DONE;
  }

  private static MilvusVersion version(CommandOptions o, String option) {
    String value = o.required(option, "check-upgrade");
    try {
      return MilvusVersion.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(CliTexts.invalidValue(option, value, e.getMessage()));
    }
  }
}
