package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.diagnostics.DiagnosticsReport;
import io.github.milvusmonitored.diagnostics.internal.DiagnosisTexts;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentErrorsTest {

  private static final String PULL =
      "Pod milvus/my-release-milvus-standalone-0 cannot pull the image of container 'standalone'"
          + " (ErrImagePull): image 'docker.io/milvusdb/milvus:v2.3.99'";

  @Test
  void a_failed_start_names_the_most_likely_problem_the_diagnostics_found() {
    DiagnosticsReport report =
        new DiagnosticsReport(
            Path.of("report/startup-failure"), List.of("summary.md"), Map.of(), PULL);

    String message =
        EnvironmentErrors.startFailed(
            "Milvus ready",
            new IllegalStateException("Helm timed out"),
            report,
            EnvironmentConfig.defaults(),
            null,
            false);

    assertThat(message)
        .startsWith(
            "The monitored environment did not come up: phase 'Milvus ready' failed: Helm timed out"
                + "\n  Most likely problem, from the diagnostics: "
                + PULL
                + "\n  Diagnostics (pods, events, targets, logs of unready pods): ")
        .contains(Path.of("report/startup-failure").toAbsolutePath().toString());
  }

  @Test
  void diagnostics_that_found_nothing_add_only_their_folder() {
    DiagnosticsReport nothing =
        new DiagnosticsReport(
            Path.of("report/startup-failure"),
            List.of("summary.md"),
            Map.of(),
            DiagnosisTexts.NOTHING_FOUND);

    String message =
        EnvironmentErrors.startFailed(
            "Milvus ready",
            new IllegalStateException("Helm timed out"),
            nothing,
            EnvironmentConfig.defaults(),
            null,
            false);

    assertThat(nothing.foundProblem()).isFalse();
    assertThat(message)
        .doesNotContain("Most likely problem")
        .contains("\n  Diagnostics (pods, events, targets, logs of unready pods): ");
  }
}
