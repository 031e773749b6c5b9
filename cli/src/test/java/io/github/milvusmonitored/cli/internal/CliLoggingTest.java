package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class CliLoggingTest {

  @Test
  void a_warning_with_an_exception_prints_its_causes_not_its_stack_trace_and_masks_secrets() {
    CliLogging provider = new CliLogging();
    provider.initialize();
    Logger log = provider.getLoggerFactory().getLogger("io.github.milvusmonitored.test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      log.warn(
          "could not reach {}",
          "http://monitor:pw7@host:9090/",
          new IllegalStateException("read failed", new IOException("connection reset")));
    } finally {
      System.setErr(err);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains("[WARN] could not reach http://monitor:***@host:9090/")
        .contains("  IllegalStateException: read failed")
        .contains("  caused by IOException: connection reset")
        .contains("--debug shows the stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("pw7");
  }
}
