package io.github.milvusmonitored.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.milvusmonitored.cluster.ClusterException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigSelectionTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  private Path write(String relative, String yaml) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(KubeconfigSelection selection) throws Exception {
    return YAML.readValue(selection.yaml(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> only(Map<String, Object> tree, String list, String body) {
    List<?> entries = (List<?>) tree.get(list);
    assertThat(entries).hasSize(1);
    return (Map<String, Object>) ((Map<?, ?>) entries.get(0)).get(body);
  }

  private static final String TWO_CONTEXTS =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: dev
        cluster: {server: "https://dev.example:6443", certificate-authority: certs/dev-ca.crt}
      - name: prod
        cluster: {server: "https://prod.example:6443", proxy-url: "http://proxy.example:3128", tls-server-name: api.prod}
      users:
      - name: dev-user
        user: {client-certificate: certs/dev.crt, client-key: /abs/dev.key, tokenFile: token}
      - name: prod-user
        user:
          exec:
            apiVersion: client.authentication.k8s.io/v1
            command: bin/get-token
            args: [--cluster, prod]
            env: [{name: REGION, value: eu}]
            interactiveMode: Never
      - name: path-user
        user:
          exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token]}
      contexts:
      - name: dev
        context: {cluster: dev, user: dev-user, namespace: team}
      - name: prod
        context: {cluster: prod, user: prod-user}
      - name: eks
        context: {cluster: prod, user: path-user}
      current-context: dev
      """;

  @Test
  void the_chosen_context_becomes_the_only_and_current_one() throws Exception {
    Path file = write("kube/config", TWO_CONTEXTS);

    KubeconfigSelection selection = KubeconfigSelection.select(List.of(file), "prod");

    Map<String, Object> tree = tree(selection);
    assertThat(selection.context()).isEqualTo("prod");
    assertThat(tree.get("current-context")).isEqualTo("prod");
    assertThat(only(tree, "clusters", "cluster"))
        .containsEntry("server", "https://prod.example:6443")
        .containsEntry("proxy-url", "http://proxy.example:3128")
        .containsEntry("tls-server-name", "api.prod");
    assertThat(((List<?>) tree.get("contexts")))
        .singleElement()
        .extracting(c -> ((Map<?, ?>) c).get("name"))
        .isEqualTo("prod");
    assertThat(selection.source()).isEqualTo(file + " (context prod)");
  }

  @Test
  void exec_plugins_keep_everything_and_a_command_with_a_path_resolves_against_the_file()
      throws Exception {
    Path file = write("kube/config", TWO_CONTEXTS);

    Map<?, ?> exec =
        (Map<?, ?>)
            only(tree(KubeconfigSelection.select(List.of(file), "prod")), "users", "user")
                .get("exec");
    Map<?, ?> onPath =
        (Map<?, ?>)
            only(tree(KubeconfigSelection.select(List.of(file), "eks")), "users", "user")
                .get("exec");

    assertThat(exec.get("command")).isEqualTo(dir.resolve("kube/bin/get-token").toString());
    assertThat(exec.get("args")).isEqualTo(List.of("--cluster", "prod"));
    assertThat(exec.get("env")).isEqualTo(List.of(Map.of("name", "REGION", "value", "eu")));
    assertThat(exec.get("interactiveMode")).isEqualTo("Never");
    assertThat(onPath.get("command"))
        .as("a bare command is looked up on the PATH, as kubectl does")
        .isEqualTo("aws");
  }

  @Test
  void relative_certificate_paths_resolve_against_the_folder_of_their_file() throws Exception {
    Path file = write("kube/config", TWO_CONTEXTS);

    Map<String, Object> tree = tree(KubeconfigSelection.select(List.of(file), null));

    assertThat(tree.get("current-context")).isEqualTo("dev");
    assertThat(only(tree, "clusters", "cluster").get("certificate-authority"))
        .isEqualTo(dir.resolve("kube/certs/dev-ca.crt").toString());
    assertThat(only(tree, "users", "user"))
        .containsEntry("client-certificate", dir.resolve("kube/certs/dev.crt").toString())
        .containsEntry("client-key", "/abs/dev.key")
        .containsEntry("tokenFile", dir.resolve("kube/token").toString());
    assertThat(only(tree, "contexts", "context")).containsEntry("namespace", "team");
  }

  @Test
  void a_kubeconfig_list_merges_like_kubectl_first_file_wins_per_name() throws Exception {
    Path first =
        write(
            "a/config",
            """
        clusters: [{name: shared, cluster: {server: "https://first:6443", certificate-authority: ca.crt}}]
        users: [{name: u, user: {token: first-token}}]
        contexts: [{name: shared, context: {cluster: shared, user: u}}]
        """);
    Path second =
        write(
            "b/config",
            """
        clusters: [{name: shared, cluster: {server: "https://second:6443"}}, {name: other, cluster: {server: "https://other:6443", certificate-authority: ca.crt}}]
        users: [{name: u, user: {token: second-token}}]
        contexts: [{name: shared, context: {cluster: other, user: u}}, {name: other, context: {cluster: other, user: u}}]
        current-context: other
        """);
    String env = first + File.pathSeparator + dir.resolve("missing") + File.pathSeparator + second;

    List<Path> files = KubeconfigSelection.defaultFiles(env, "/home/nobody");
    Map<String, Object> current = tree(KubeconfigSelection.select(files, null));
    Map<String, Object> shared = tree(KubeconfigSelection.select(files, "shared"));

    assertThat(files).containsExactly(first, dir.resolve("missing"), second);
    assertThat(current.get("current-context"))
        .as("first current-context set, here in the second file")
        .isEqualTo("other");
    assertThat(only(current, "clusters", "cluster").get("certificate-authority"))
        .isEqualTo(dir.resolve("b/ca.crt").toString());
    assertThat(only(current, "users", "user").get("token")).isEqualTo("first-token");
    assertThat(only(shared, "clusters", "cluster"))
        .containsEntry("server", "https://first:6443")
        .containsEntry("certificate-authority", dir.resolve("a/ca.crt").toString());
  }

  @Test
  void without_kubeconfig_variable_the_home_config_is_used() {
    assertThat(KubeconfigSelection.defaultFiles(" ", "/home/me"))
        .containsExactly(Path.of("/home/me/.kube/config"));
  }

  @Test
  void no_current_context_and_none_chosen_says_how_to_choose() throws Exception {
    Path file =
        write(
            "c",
            """
        clusters: [{name: c, cluster: {server: "https://c:6443"}}]
        contexts: [{name: c, context: {cluster: c}}]
        """);

    assertThatThrownBy(() -> KubeconfigSelection.select(List.of(file), null))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "The kubeconfig "
                + file
                + " sets no current-context and none was chosen. Contexts there: [c]."
                + " Choose one with the context setting (milvus.monitored.context, MILVUS_MONITORED_CONTEXT) or"
                + " 'kubectl config use-context <name>'.");
  }

  @Test
  void a_context_naming_an_undefined_user_is_refused() throws Exception {
    Path file =
        write(
            "c",
            """
        clusters: [{name: c, cluster: {server: "https://c:6443"}}]
        contexts: [{name: c, context: {cluster: c, user: ghost}}]
        current-context: c
        """);

    assertThatThrownBy(() -> KubeconfigSelection.select(List.of(file), null))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "Context 'c' in the kubeconfig "
                + file
                + " names user 'ghost', which no file there defines"
                + " (users: []). Fix the context with 'kubectl config set-context c --user=<name>'.");
  }

  @Test
  void no_existing_file_in_the_list_is_a_missing_kubeconfig() {
    assertThatThrownBy(
            () -> KubeconfigSelection.select(List.of(dir.resolve("x"), dir.resolve("y")), null))
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith(
            "No kubeconfig at KUBECONFIG [" + dir.resolve("x") + ", " + dir.resolve("y") + "]");
  }
}
