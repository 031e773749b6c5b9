package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusLocatorTest {

  @TempDir Path temp;

  @Test
  void prefers_the_prometheus_bin_environment_variable() throws IOException {
    Path configured = executable(temp.resolve("custom"), "prometheus-2.53");
    Path onPath = executable(temp.resolve("bin"), "prometheus");
    PrometheusLocator locator =
        new PrometheusLocator(
            Map.of("PROMETHEUS_BIN", configured.toString(), "PATH", onPath.getParent().toString()),
            null,
            () -> true);

    assertThat(locator.locate()).isEqualTo(new PrometheusLocator.LocalBinary(configured));
  }

  @Test
  void uses_the_system_property_when_the_variable_is_unset() throws IOException {
    Path configured = executable(temp, "prom");
    assertThat(new PrometheusLocator(Map.of(), configured.toString(), () -> false).locate())
        .isEqualTo(new PrometheusLocator.LocalBinary(configured));
  }

  @Test
  void fails_when_the_configured_binary_is_not_an_executable_file() {
    PrometheusLocator locator =
        new PrometheusLocator(Map.of("PROMETHEUS_BIN", temp.toString()), null, () -> true);
    assertThatThrownBy(locator::locate)
        .hasMessageStartingWith(
            "environment variable PROMETHEUS_BIN is set to '"
                + temp
                + "', which is not an executable file.")
        .hasMessageContaining(PrometheusErrors.HOW_TO_GET_PROMETHEUS);
  }

  @Test
  void finds_the_first_executable_prometheus_on_path() throws IOException {
    Path notExecutable = temp.resolve("a/prometheus");
    Files.createDirectories(notExecutable.getParent());
    Files.writeString(notExecutable, "#!/bin/sh\n");
    Path second = executable(temp.resolve("b"), "prometheus");
    Path third = executable(temp.resolve("c"), "prometheus");
    String path =
        String.join(
            File.pathSeparator,
            temp.resolve("missing").toString(),
            notExecutable.getParent().toString(),
            second.getParent().toString(),
            third.getParent().toString());

    assertThat(new PrometheusLocator(Map.of("PATH", path), null, () -> true).locate())
        .isEqualTo(new PrometheusLocator.LocalBinary(second));
  }

  @Test
  void falls_back_to_the_docker_image_without_a_local_binary() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", temp.toString());
    assertThat(new PrometheusLocator(env, null, () -> true).locate())
        .isEqualTo(new PrometheusLocator.DockerImage("prom/prometheus:v3.12.0"));
  }

  @Test
  void fails_with_installation_instructions_without_binary_or_docker() {
    PrometheusLocator locator =
        new PrometheusLocator(Map.of("PATH", temp.toString()), "", () -> false);
    assertThatThrownBy(locator::locate)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "No Prometheus found: PROMETHEUS_BIN and -Dprometheus.bin are not set,"
                + " no executable 'prometheus' is on PATH ("
                + temp
                + ") and Docker is not available.")
        .hasMessageContaining("sudo apt-get install -y prometheus")
        .hasMessageContaining("brew install prometheus")
        .hasMessageContaining("PROMETHEUS_BIN=/path/to/prometheus")
        .hasMessageContaining("prom/prometheus:v3.12.0");
  }

  private static Path executable(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
