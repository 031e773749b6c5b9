package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.cli.internal.CliTexts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MilvusMonitoredCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void help_prints_the_usage_and_succeeds() throws Exception {
    int code = MilvusMonitoredCli.run(new String[] {"--help"}, print(out), print(err));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(CliTexts.usage());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void unknown_option_fails_with_usage_exit_code_naming_the_option() throws Exception {
    int code = MilvusMonitoredCli.run(new String[] {"up", "--grafana"}, print(out), print(err));

    assertThat(code).isEqualTo(MilvusMonitoredCli.USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "Unknown option '--grafana' for 'up'. Valid options: --stack-profile=full|minimal,")
        .contains("Run with --help for the usage.");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
