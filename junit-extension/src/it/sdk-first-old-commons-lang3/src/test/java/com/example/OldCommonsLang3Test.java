package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.stack.KubePrometheusException;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestChecksums;
import io.github.milvusmonitored.stack.ManifestSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The class path Maven resolves here, and the library's answer to it. */
class OldCommonsLang3Test {

  @Test
  void maven_keeps_the_commons_lang3_of_the_sdk_declared_first() {
    String jar = org.apache.commons.lang3.StringUtils.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath();

    assertThat(jar).endsWith("commons-lang3-3.12.0.jar");
  }

  @Test
  void reading_an_archive_says_which_commons_lang3_to_declare() throws Exception {
    Path archive = Path.of(getClass().getResource("/kube-prometheus-sample.tar.gz").toURI());
    String sums = Files.readString(Path.of(getClass().getResource("/kube-prometheus-sample.sha256").toURI()));

    assertThatThrownBy(() -> KubePrometheusManifests.builder()
        .withSource(ManifestSource.archive(archive))
        .withChecksums(ManifestChecksums.parse("sample", sums))
        .load())
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageStartingWith("Cannot read the kube-prometheus archive " + archive + ": the tar reader"
            + " (commons-compress 1.28) needs commons-lang3 3.13 or newer, and the class path has an older"
            + " commons-lang3 (commons-lang3-3.12.0.jar).")
        .hasMessageEndingWith("Fix: add org.apache.commons:commons-lang3:3.18.0 to your test dependencies, or"
            + " declare milvus-monitored-junit (or milvus-monitored) before milvus-sdk-java.");
  }
}
