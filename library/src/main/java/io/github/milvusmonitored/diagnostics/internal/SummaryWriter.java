package io.github.milvusmonitored.diagnostics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code summary.md}: what was collected, the most likely problem, other findings, the
 * files.
 */
public final class SummaryWriter {

  private SummaryWriter() {}

  /** The diagnosis paragraph: the first finding, or that nothing was found. */
  public static String mostLikely(List<String> findings) {
    return findings.isEmpty() ? DiagnosisTexts.NOTHING_FOUND : findings.get(0);
  }

  public static String render(
      List<String> namespaces,
      List<String> findings,
      List<String> files,
      Map<String, String> failures,
      Instant started,
      Duration took) {
    StringBuilder md = new StringBuilder("# Milvus monitoring diagnostics\n\n");
    md.append("Collected at ")
        .append(started)
        .append(" in ")
        .append(took.toMillis())
        .append(" ms from namespaces ")
        .append(String.join(", ", namespaces))
        .append(".\n\n");
    md.append("## Most likely problem\n\n").append(mostLikely(findings)).append("\n\n");
    if (findings.size() > 1) {
      md.append("## Other findings\n\n");
      findings.stream().skip(1).forEach(f -> md.append("- ").append(f).append('\n'));
      md.append('\n');
    }
    if (!failures.isEmpty()) {
      md.append("## Not collected\n\n");
      failures.forEach(
          (file, text) ->
              md.append("- `")
                  .append(file)
                  .append("`: ")
                  .append(text.replace("\n", " / "))
                  .append('\n'));
      md.append('\n');
    }
    md.append("## Files\n\n");
    files.forEach(f -> md.append("- `").append(f).append("`: ").append(describe(f)).append('\n'));
    md.append("- `summary.md`: this file\n");
    return md.toString();
  }

  private static String describe(String file) {
    if (file.startsWith("logs/")) {
      return "log tail of a container of an unready pod";
    }
    return switch (file) {
      case "pods.txt" -> "pods with phase, Ready, container states and node";
      case "events.txt" -> "events by time, warnings first";
      case "helm-release.txt" -> "Helm release status and the values used";
      case "servicemonitors.yaml" -> "every ServiceMonitor in all namespaces";
      case "prometheusrules.yaml" -> "every PrometheusRule in all namespaces";
      case "prometheus-targets.txt" ->
          "Prometheus active and dropped targets, scrape pools, the Milvus verdict";
      default -> "";
    };
  }
}
