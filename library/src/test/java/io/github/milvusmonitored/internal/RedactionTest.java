package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void secret_shaped_keys_are_recognised_by_their_names() {
    assertThat(
            List.of(
                "password",
                "rootPassword",
                "secretKey",
                "accessKey",
                "token",
                "bearerToken",
                "apiKey",
                "credentials",
                "auth",
                "tls.key",
                "rootUser"))
        .allMatch(Redaction::isSecretKey);
    assertThat(List.of("enabled", "tag", "repository", "replicas", "keyFile", "mode"))
        .noneMatch(Redaction::isSecretKey);
  }

  @Test
  void a_values_tree_keeps_its_shape_and_loses_its_secrets() {
    Map<String, Object> values =
        Map.of(
            "minio",
                Map.of(
                    "accessKey",
                    "minioadmin",
                    "secretKey",
                    "minio-secret-value",
                    "mode",
                    "standalone"),
            "etcd",
                Map.of(
                    "auth", Map.of("rbac", Map.of("rootPassword", "etcd-pass", "enabled", true))),
            "image", Map.of("all", Map.of("tag", "v2.6.24")));

    assertThat(Redaction.tree(values))
        .isEqualTo(
            Map.of(
                "minio",
                    Map.of(
                        "accessKey", "<redacted>", "secretKey", "<redacted>", "mode", "standalone"),
                "etcd",
                    Map.of(
                        "auth",
                        Map.of("rbac", Map.of("rootPassword", "<redacted>", "enabled", true))),
                "image", Map.of("all", Map.of("tag", "v2.6.24"))));
    assertThat(Redaction.tree(values).toString())
        .doesNotContain("minioadmin", "minio-secret-value", "etcd-pass");
  }

  @Test
  void leaf_paths_name_what_was_set_without_its_values() {
    assertThat(Redaction.leafPaths(Map.of("minio", Map.of("secretKey", "s"))))
        .containsExactly("minio.secretKey");
  }

  @Test
  void free_text_loses_key_value_secrets_and_url_user_information() {
    assertThat(
            Redaction.text(
                "secretKey: abc123, mode: standalone and password=hunter2 and \"token\": \"t0k3n\""))
        .isEqualTo(
            "secretKey: <redacted>, mode: standalone and password=<redacted> and \"token\": <redacted>");
    assertThat(Redaction.text("asked http://admin:s3cret@127.0.0.1:9090/api/v1/query"))
        .isEqualTo("asked http://***@127.0.0.1:9090/api/v1/query");
  }

  @Test
  void a_uri_with_user_information_is_printed_without_it() {
    assertThat(Redaction.uri(URI.create("http://admin:s3cret@127.0.0.1:9090/")))
        .hasToString("http://***@127.0.0.1:9090/");
    assertThat(Redaction.uri(URI.create("http://127.0.0.1:9090/")))
        .hasToString("http://127.0.0.1:9090/");
  }

  @Test
  void a_parser_error_keeps_its_problem_and_position_but_not_the_quoted_line() {
    IllegalStateException yaml =
        new IllegalStateException(
            "mapping values are not allowed here\n in reader, line 6,"
                + " column 30:\n        token: s3cr3t-token-value: [unclosed\n                                 ^\n");

    assertThat(Redaction.parserMessage(yaml))
        .isEqualTo(
            "IllegalStateException: mapping values are not allowed here (line 6, column 30)");
  }
}
