package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.prometheus.PrometheusException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliFailuresTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void an_unexpected_failure_is_one_paragraph_asking_for_debug_and_exits_1() {
    int code = failures(false).report(new IllegalStateException("index 3 out of bounds"));

    assertThat(code).isEqualTo(1);
    assertThat(text())
        .isEqualTo(
            "Unexpected failure in 'audit': index 3 out of bounds (java.lang.IllegalStateException)."
                + " This is most likely a bug in milvus-monitored rather than a problem of the input: run the same command"
                + " again with --debug and report it with that output at"
                + " https://github.com/milvus-monitored/milvus-monitored/issues."
                + System.lineSeparator());
  }

  @Test
  void a_library_failure_prints_its_cause_chain_once_and_masks_passwords() {
    int code =
        failures(false)
            .report(
                new PrometheusException(
                    "Prometheus at http://monitor:pw1@host:9090/ failed",
                    new IOException("connection reset")));

    assertThat(code).isEqualTo(1);
    assertThat(text())
        .isEqualTo(
            "'audit' failed: Prometheus at http://monitor:***@host:9090/ failed"
                + System.lineSeparator()
                + "  caused by IOException: connection reset"
                + System.lineSeparator());
  }

  @Test
  void debug_adds_the_stack_trace_and_usage_errors_exit_2() {
    int code = failures(true).report(new CliUsageException("Unknown option '--x' for 'audit'."));

    assertThat(code).isEqualTo(2);
    assertThat(text())
        .startsWith(
            "Unknown option '--x' for 'audit'."
                + System.lineSeparator()
                + "Run 'audit --help' for the usage."
                + System.lineSeparator()
                + "Stack trace (--debug):")
        .contains("\tat ");
  }

  @Test
  void debug_is_taken_from_any_position_and_removed() {
    GlobalOptions options = GlobalOptions.of("audit", "--debug", "--range=5m");

    assertThat(options.debug()).isTrue();
    assertThat(options.command()).isEqualTo("audit");
    assertThat(options.commandArgs()).containsExactly("--range=5m");
    assertThat(Secrets.redact("token: abc http://u:p@h https://h/x"))
        .isEqualTo("token: *** http://u:***@h https://h/x");
  }

  private CliFailures failures(boolean debug) {
    return new CliFailures("audit", debug, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String text() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
