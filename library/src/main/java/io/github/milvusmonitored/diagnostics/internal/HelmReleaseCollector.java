package io.github.milvusmonitored.diagnostics.internal;

import io.github.milvusmonitored.internal.Redaction;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import java.util.function.Supplier;

/**
 * Writes {@code helm-release.txt}: what Helm reports about the release, and the values it was
 * given.
 */
public final class HelmReleaseCollector {

  private final Supplier<MilvusReleaseStatus> status;
  private final Supplier<String> valuesYaml;
  private final DiagnosticsContext context;

  public HelmReleaseCollector(
      Supplier<MilvusReleaseStatus> status,
      Supplier<String> valuesYaml,
      DiagnosticsContext context) {
    this.status = status;
    this.valuesYaml = valuesYaml;
    this.context = context;
  }

  public String collect(StepRunner.StepOutput out) {
    StringBuilder text = new StringBuilder("# Helm release status\n");
    if (status == null) {
      text.append(
              out.fail(
                  DiagnosticsErrors.notConfigured("the Helm release status", "withReleaseStatus")))
          .append('\n');
    } else {
      try {
        MilvusReleaseStatus s = status.get();
        context.releaseStatus(s);
        text.append("name: ")
            .append(s.name())
            .append('\n')
            .append("namespace: ")
            .append(s.namespace())
            .append('\n')
            .append("status: ")
            .append(s.status())
            .append('\n')
            .append("revision: ")
            .append(s.revision())
            .append('\n')
            .append("chart: ")
            .append(s.chart())
            .append('\n')
            .append("appVersion: ")
            .append(s.appVersion())
            .append('\n')
            .append("lastDeployed: ")
            .append(s.lastDeployed())
            .append('\n');
      } catch (RuntimeException e) {
        text.append(out.fail(DiagnosticsErrors.couldNotCollect("the Helm release status", e)))
            .append('\n');
      }
    }
    text.append("\n# Values used (final values YAML; values of secret-shaped keys shown as ")
        .append(Redaction.MASK)
        .append(")\n");
    if (valuesYaml == null) {
      text.append(out.fail(DiagnosticsErrors.notConfigured("the release values", "withValuesYaml")))
          .append('\n');
    } else {
      try {
        text.append(Redaction.yaml(valuesYaml.get())).append('\n');
      } catch (RuntimeException e) {
        text.append(out.fail(DiagnosticsErrors.couldNotCollect("the release values", e)))
            .append('\n');
      }
    }
    return text.toString();
  }
}
