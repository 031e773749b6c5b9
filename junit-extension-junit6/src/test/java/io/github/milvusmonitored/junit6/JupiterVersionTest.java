package io.github.milvusmonitored.junit6;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.engine.JupiterTestEngine;

/** Guards the point of this module: the extension's tests next to it run on JUnit 6, not 5. */
class JupiterVersionTest {

  @Test
  void runs_on_junit_6() {
    assertThat(new JupiterTestEngine().getVersion())
        .hasValueSatisfying(v -> assertThat(v).startsWith("6."));
    assertThat(Test.class.getPackage().getImplementationVersion()).startsWith("6.");
  }
}
