package io.github.milvusmonitored.testing;

import org.junit.jupiter.api.Test;

/**
 * The fixtures use no internals of the library (see docs/architecture.md). This module's tests are
 * the library's integration tests, in the library's packages: they are the library's own.
 */
class ModuleBoundariesTest {

  @Test
  void uses_no_internals_of_other_modules() {
    ModuleBoundaries.of("test-support", "io.github.milvusmonitored.testing")
        .mainClassesOnly()
        .assertNoForeignInternals();
  }
}
