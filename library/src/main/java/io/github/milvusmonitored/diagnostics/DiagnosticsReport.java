package io.github.milvusmonitored.diagnostics;

import io.github.milvusmonitored.diagnostics.internal.DiagnosisTexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link EnvironmentDiagnostics#write(Path)} collected.
 *
 * <pre>{@code
 * DiagnosticsReport report = diagnostics.write(Path.of("target/milvus-diagnostics"));
 * System.out.println(report.mostLikelyProblem());
 * }</pre>
 *
 * @param folder where the files were written
 * @param files the files written, relative to {@code folder}, in the order they were written
 * @param failures per file, what could not be collected (the same text is in the file)
 * @param mostLikelyProblem the diagnosis paragraph of {@code summary.md}
 */
public record DiagnosticsReport(
    Path folder, List<String> files, Map<String, String> failures, String mostLikelyProblem) {
  public DiagnosticsReport {
    files = List.copyOf(files);
    failures = Map.copyOf(failures);
  }

  /**
   * Whether the diagnosis names a problem (an image that cannot be pulled, a crash loop, a target
   * down, ...), rather than saying that nothing looked wrong.
   */
  public boolean foundProblem() {
    return !DiagnosisTexts.NOTHING_FOUND.equals(mostLikelyProblem);
  }

  /** Whether every step collected what it asked for. */
  public boolean complete() {
    return failures.isEmpty();
  }
}
