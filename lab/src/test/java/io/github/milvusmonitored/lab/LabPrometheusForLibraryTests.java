package io.github.milvusmonitored.lab;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Points the library's own Prometheus integration tests at the lab's Prometheus 3.12 instead of the
 * one on the {@code PATH}: the lab module's {@code library-its-on-prometheus-3.12} execution runs
 * those tests from the test-support module's test jar with system property {@code
 * lab.prometheus-for-library-tests=true}, and this sets {@code prometheus.bin} to the lab's checked
 * {@code prometheus} before any test starts its server.
 *
 * <p>Inert in every other test run: it acts only when that property is {@code true}.
 */
public final class LabPrometheusForLibraryTests implements LauncherSessionListener {

  static final String SWITCH = "lab.prometheus-for-library-tests";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean(SWITCH)) {
      return;
    }
    String inherited = System.getenv("PROMETHEUS_BIN");
    if (inherited != null && !inherited.isBlank()) {
      throw new LabException(
          "PROMETHEUS_BIN is set to '"
              + inherited
              + "', which the library's Prometheus tests"
              + " would use instead of the lab's Prometheus 3.12; unset it for the -Plab build");
    }
    LabPrograms programs = LabPrograms.locate(Path.of(System.getProperty("lab.home")));
    Path prometheus = programs.path("prometheus");
    System.setProperty("prometheus.bin", prometheus.toString());
    System.out.println(
        "lab: the library's Prometheus integration tests run on "
            + prometheus
            + " ("
            + programs.versions().get("prometheus")
            + ")");
  }
}
