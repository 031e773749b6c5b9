package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandTest {

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void refuses_to_start_without_reuse_and_says_how_to_enable_it() throws Exception {
    AtomicBoolean dockerAsked = new AtomicBoolean();
    Path userConfig = home.resolve(".testcontainers.properties");
    UpCommand up =
        new UpCommand(
            () -> false,
            () -> dockerAsked.getAndSet(true),
            userConfig,
            new StablePaths(home.resolve("up")));

    int code = up.run(CliArguments.parse("up"), print(out), print(err));

    assertThat(code).isEqualTo(UpCommand.REUSE_NOT_ENABLED);
    assertThat(dockerAsked).isFalse();
    assertThat(text(out)).isEmpty();
    assertThat(text(err))
        .isEqualTo(CliTexts.reuseNotEnabled(userConfig))
        .contains("echo 'testcontainers.reuse.enable=true' >> " + userConfig)
        .contains("export TESTCONTAINERS_REUSE_ENABLE=true")
        .contains("nothing was started");
  }

  @Test
  void refuses_to_start_without_docker() throws Exception {
    UpCommand up =
        new UpCommand(
            () -> true,
            () -> false,
            home.resolve(".testcontainers.properties"),
            new StablePaths(home.resolve("up")));

    int code = up.run(CliArguments.parse("up"), print(out), print(err));

    assertThat(code).isEqualTo(1);
    assertThat(text(err)).startsWith("Docker is not available (no Docker environment found).");
  }

  @Test
  void reports_the_docker_probe_failure() throws Exception {
    UpCommand up =
        new UpCommand(
            () -> true,
            () -> {
              throw new IllegalStateException("Could not find a valid Docker environment");
            },
            home.resolve(".testcontainers.properties"),
            new StablePaths(home.resolve("up")));

    int code = up.run(CliArguments.parse("up"), print(out), print(err));

    assertThat(code).isEqualTo(1);
    assertThat(text(err))
        .startsWith("Docker is not available (Could not find a valid Docker environment).");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
