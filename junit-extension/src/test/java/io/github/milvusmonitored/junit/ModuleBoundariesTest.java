package io.github.milvusmonitored.junit;

import io.github.milvusmonitored.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The module uses no other module's internals (see docs/architecture.md). */
class ModuleBoundariesTest {

  @Test
  void uses_no_internals_of_other_modules() {
    ModuleBoundaries.of("junit-extension", "io.github.milvusmonitored.junit")
        .assertNoForeignInternals();
  }
}
