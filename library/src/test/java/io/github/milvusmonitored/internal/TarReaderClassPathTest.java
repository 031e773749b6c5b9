package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class TarReaderClassPathTest {

  @Test
  void the_build_class_path_has_what_the_tar_reader_needs() {
    assertThat(TarReaderClassPath.problem("archive a.tar.gz")).isEmpty();
  }

  @Test
  void a_class_path_without_commons_lang3_is_named_with_the_fix() {
    ClassLoader bootstrapOnly = new URLClassLoader(new URL[0], null);

    assertThat(TarReaderClassPath.problem(bootstrapOnly, "archive a.tar.gz"))
        .contains(
            "Cannot read archive a.tar.gz: the tar reader (commons-compress 1.28) needs commons-lang3 3.13 or"
                + " newer, and the class path has no commons-lang3 at all. Likely cause: a dependency declared"
                + " before milvus-monitored brings an older commons-lang3 at the same depth (milvus-sdk-java"
                + " 2.6.22 brings 3.12.0), and Maven keeps the first one declared. Fix: add"
                + " org.apache.commons:commons-lang3:3.18.0 to your test dependencies, or declare"
                + " milvus-monitored-junit (or milvus-monitored) before milvus-sdk-java.");
  }
}
