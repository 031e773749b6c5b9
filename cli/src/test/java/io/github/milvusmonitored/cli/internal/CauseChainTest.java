package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CauseChainTest {

  private static final String N = System.lineSeparator();

  @Test
  void lists_each_cause_once_and_skips_those_the_message_already_tells() {
    Exception failure =
        new IllegalStateException(
            "Start failed: java.net.ConnectException.",
            new UncheckedIOException("cannot reach 127.0.0.1:6443", new ConnectException()));

    assertThat(CauseChain.describe(failure))
        .isEqualTo(
            "Start failed: java.net.ConnectException."
                + N
                + "  caused by UncheckedIOException: cannot reach 127.0.0.1:6443");
  }

  @Test
  void drops_causes_whose_message_a_wrapper_repeats() {
    IOException root = new IOException("disk full");
    Exception failure =
        new RuntimeException(
            "Writing the report failed: disk full", new UncheckedIOException("disk full", root));

    assertThat(CauseChain.describe(failure)).isEqualTo("Writing the report failed: disk full");
  }
}
