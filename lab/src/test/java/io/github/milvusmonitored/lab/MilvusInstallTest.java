package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilvusInstallTest {

  private static final Map<String, String> PINS =
      Map.of("MILVUS_VERSION", "2.3.5", "MILVUS_WHEEL_SHA256", "abc123");

  @Test
  void renders_values_then_defaults_of_the_wheels_template_placeholders() {
    String template =
        "etcd:\n  endpoints: localhost:{{ etcd_port(int): 2379 }}\n  data:\n    dir: {{ etcd_data_dir }}\n"
            + "  log: {{ etcd_log_level: info }} # comment\n";

    assertThat(MilvusInstall.render(template, Map.of("etcd_data_dir", "/pod/data/etcd.data")))
        .isEqualTo(
            "etcd:\n  endpoints: localhost:2379\n  data:\n    dir: /pod/data/etcd.data\n  log: info # comment\n");
  }

  @Test
  void a_placeholder_without_value_or_default_is_refused_by_name() {
    assertThatThrownBy(() -> MilvusInstall.render("dir: {{ rocksmq_data_dir }}", Map.of()))
        .hasMessage(
            "The Milvus config template has a placeholder 'rocksmq_data_dir' without a default and the lab"
                + " gives it no value");
  }

  @Test
  void a_missing_unpack_names_the_command_that_installs_it(@TempDir Path dir) {
    System.setProperty("lab.milvus", dir.toString());
    try {
      assertThatThrownBy(() -> MilvusInstall.locate(dir, PINS))
          .hasMessage(
              "The lab's Milvus 2.3.5 is not unpacked at "
                  + dir
                  + " (no 'ready' stamp for the wheel with sha256 abc123 that lab/milvus.env pins). The lab's Milvus"
                  + " pods run the real server; install it (PyPI and python3 needed) with: lab/build.sh  (or only"
                  + " lab/build-milvus.sh)");
    } finally {
      System.clearProperty("lab.milvus");
    }
  }

  @Test
  void an_unpack_of_another_wheel_is_refused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ready"), "milvus 2.3.5 fff000 2026-12-05T00:00:00Z\n");
    System.setProperty("lab.milvus", dir.toString());
    try {
      assertThatThrownBy(() -> MilvusInstall.locate(dir, PINS))
          .hasMessageContaining("with sha256 abc123");
    } finally {
      System.clearProperty("lab.milvus");
    }
  }
}
