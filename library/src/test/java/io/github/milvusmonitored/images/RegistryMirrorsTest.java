package io.github.milvusmonitored.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.milvusmonitored.cluster.K3sClusterConfig;
import org.junit.jupiter.api.Test;

class RegistryMirrorsTest {

  private static JsonNode parse(String yaml) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(yaml);
  }

  @Test
  void writes_mirrors_with_endpoints_and_rewrites_and_host_configs_with_auth_and_tls()
      throws Exception {
    RegistryMirrors mirrors =
        RegistryMirrors.builder()
            .withMirror(
                "docker.io", "http://host.docker.internal:5000", "https://mirror.example.com")
            .withMirror("quay.io", "https://mirror.example.com")
            .withRewrite("quay.io", "^prometheus/(.*)", "quay/prometheus/$1")
            .withAuth("mirror.example.com", "ci", "s3cret")
            .withTls("mirror.example.com", "/etc/ssl/mirror-ca.pem", null, null)
            .withInsecureSkipVerify("host.docker.internal:5000")
            .build();

    JsonNode yaml = parse(mirrors.toYaml());

    assertThat(yaml.at("/mirrors/docker.io/endpoint").toString())
        .isEqualTo("[\"http://host.docker.internal:5000\",\"https://mirror.example.com\"]");
    assertThat(yaml.at("/mirrors/docker.io/rewrite").isMissingNode()).isTrue();
    assertThat(yaml.at("/mirrors/quay.io/rewrite").get("^prometheus/(.*)").asText())
        .isEqualTo("quay/prometheus/$1");
    JsonNode host = yaml.get("configs").get("mirror.example.com");
    assertThat(host.at("/auth/username").asText()).isEqualTo("ci");
    assertThat(host.at("/auth/password").asText()).isEqualTo("s3cret");
    assertThat(host.at("/tls/ca_file").asText()).isEqualTo("/etc/ssl/mirror-ca.pem");
    assertThat(host.at("/tls/cert_file").isMissingNode()).isTrue();
    assertThat(
            yaml.get("configs")
                .get("host.docker.internal:5000")
                .at("/tls/insecure_skip_verify")
                .asBoolean())
        .isTrue();
    assertThat(mirrors.toYaml()).doesNotStartWith("---");
  }

  @Test
  void printing_the_mirrors_masks_passwords_and_identity_tokens() {
    RegistryMirrors mirrors =
        RegistryMirrors.builder()
            .withMirror("docker.io", "https://mirror.example.com")
            .withAuth("mirror.example.com", "ci", "planted-password")
            .build();

    assertThat(mirrors.toString())
        .contains("username=ci", "password=<redacted>")
        .doesNotContain("planted-password");
    assertThat(mirrors.configs().get("mirror.example.com").password())
        .isEqualTo("planted-password");
  }

  @Test
  void wildcard_mirror_and_identity_token() throws Exception {
    JsonNode yaml =
        parse(
            RegistryMirrors.builder()
                .withMirror("*", "https://proxy.example.com")
                .withIdentityToken("proxy.example.com", "tok")
                .build()
                .toYaml());

    assertThat(yaml.at("/mirrors/*/endpoint/0").asText()).isEqualTo("https://proxy.example.com");
    assertThat(yaml.at("/configs/proxy.example.com/auth/identity_token").asText()).isEqualTo("tok");
    assertThat(yaml.at("/configs/proxy.example.com/auth/username").isMissingNode()).isTrue();
  }

  @Test
  void an_empty_set_writes_an_empty_document() throws Exception {
    assertThat(parse(RegistryMirrors.builder().build().toYaml()).size()).isZero();
  }

  @Test
  void applies_to_a_k3s_configuration_as_its_registries_file() {
    RegistryMirrors mirrors =
        RegistryMirrors.builder().withMirror("docker.io", "https://mirror.example.com").build();

    K3sClusterConfig config = mirrors.applyTo(K3sClusterConfig.defaults());

    assertThat(config.registriesYaml()).isEqualTo(mirrors.toYaml());
    assertThat(config.image()).isEqualTo(K3sClusterConfig.DEFAULT_IMAGE);
  }

  @Test
  void refuses_malformed_values_saying_what_to_give() {
    RegistryMirrors.Builder builder = RegistryMirrors.builder();
    assertThatThrownBy(() -> builder.withMirror("https://docker.io", "https://m.example.com"))
        .hasMessageStartingWith("Mirror registry name 'https://docker.io' is not valid");
    assertThatThrownBy(() -> builder.withMirror("docker.io"))
        .hasMessageStartingWith("Mirror for registry 'docker.io' has no endpoint.");
    assertThatThrownBy(() -> builder.withMirror("docker.io", "mirror.example.com:5000"))
        .hasMessageContaining(
            "Mirror endpoint 'mirror.example.com:5000' for registry 'docker.io' is not an http(s)")
        .hasMessageContaining("host.docker.internal");
    assertThatThrownBy(() -> builder.withRewrite("quay.io", "^(prometheus", "x"))
        .hasMessageStartingWith(
            "Rewrite pattern '^(prometheus' for registry 'quay.io' is not a regular expression");
    assertThatThrownBy(() -> builder.withAuth("mirror.example.com", "ci", ""))
        .hasMessageStartingWith(
            "Registry credentials for 'mirror.example.com' need both a username and a password.");
    assertThatThrownBy(() -> builder.withTls("mirror.example.com", null, "/c.pem", null))
        .hasMessageStartingWith(
            "TLS settings for 'mirror.example.com' name a client certificate without its key");
    assertThatThrownBy(() -> builder.withAuth("https://mirror.example.com/v2", "ci", "pw"))
        .hasMessageStartingWith(
            "Registry host 'https://mirror.example.com/v2' is not a host[:port]");
    assertThatThrownBy(() -> RegistryMirrors.builder().withRewrite("quay.io", "^a", "b").build())
        .hasMessageStartingWith("Mirror for registry 'quay.io' has no endpoint.");
  }
}
