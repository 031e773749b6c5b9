package io.github.milvusmonitored.cluster.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One context out of one kubeconfig or a {@code KUBECONFIG} list, as a self-contained kubeconfig
 * whose current context is that one, so that every client (fabric8, Helm, probes) reaches the same
 * cluster as the same user.
 *
 * <p>Merged like kubectl (client-go's clientcmd loader, read from source): files in list order,
 * missing files skipped, the first file that names a cluster, user or context wins for that name,
 * the first {@code current-context} set wins. Relative file references (certificate-authority,
 * client-certificate, client-key, tokenFile, and an exec command holding a path separator) are
 * resolved against the folder of the file they came from. Every other field (exec plugins,
 * proxy-url, tls-server-name, extensions) is copied as it is.
 *
 * @param context the chosen context's name
 * @param yaml a kubeconfig holding only that context, its cluster and its user
 * @param source where it came from, for messages: the file(s) and the context
 */
public record KubeconfigSelection(String context, String yaml, String source) {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** The files {@code KUBECONFIG} names, or {@code ~/.kube/config} when it is unset or blank. */
  public static List<Path> defaultFiles(String kubeconfigEnv, String userHome) {
    if (kubeconfigEnv == null || kubeconfigEnv.isBlank()) {
      return List.of(Path.of(userHome, ".kube", "config"));
    }
    List<Path> files = new ArrayList<>();
    for (String part : kubeconfigEnv.split(File.pathSeparator)) {
      if (!part.isBlank() && !files.contains(Path.of(part))) {
        files.add(Path.of(part));
      }
    }
    return files;
  }

  /**
   * Selects {@code context} (null: the merged current context) from {@code files}.
   *
   * @throws io.github.milvusmonitored.cluster.ClusterException when no file exists, one does not
   *     parse, the context is unknown or incomplete, or no context is chosen
   */
  public static KubeconfigSelection select(List<Path> files, String context) {
    String names = files.size() == 1 ? files.get(0).toString() : "KUBECONFIG " + files;
    Map<String, Map<String, Object>> clusters = new LinkedHashMap<>();
    Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    String current = null;
    boolean anyFile = false;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      anyFile = true;
      Map<String, Object> tree = parse(file);
      Path base = file.toAbsolutePath().getParent();
      collect(tree, "clusters", "cluster", clusters, base, file);
      collect(tree, "users", "user", users, base, file);
      collect(tree, "contexts", "context", contexts, base, file);
      if (current == null && tree.get("current-context") instanceof String s && !s.isBlank()) {
        current = s;
      }
    }
    if (!anyFile) {
      throw ClusterErrors.missingKubeconfig(names);
    }
    String chosen = context != null ? context : current;
    String source = names + (context == null ? "" : " (context " + context + ")");
    if (chosen == null) {
      throw ClusterErrors.noCurrentContext(names, contexts.keySet());
    }
    Map<String, Object> ctx = contexts.get(chosen);
    if (ctx == null) {
      throw ClusterErrors.unknownContext(names, chosen, contexts.keySet());
    }
    Map<String, Object> ctxBody = body(ctx, "context");
    Object clusterName = ctxBody.get("cluster");
    Object userName = ctxBody.get("user");
    Map<String, Object> cluster = clusters.get(String.valueOf(clusterName));
    if (cluster == null) {
      throw ClusterErrors.incompleteContext(
          names, chosen, "cluster", String.valueOf(clusterName), clusters.keySet());
    }
    Map<String, Object> user = userName == null ? null : users.get(String.valueOf(userName));
    if (userName != null && user == null) {
      throw ClusterErrors.incompleteContext(
          names, chosen, "user", String.valueOf(userName), users.keySet());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "Config");
    out.put("clusters", List.of(cluster));
    out.put("users", user == null ? List.of() : List.of(user));
    out.put("contexts", List.of(ctx));
    out.put("current-context", chosen);
    out.put("preferences", Map.of());
    try {
      return new KubeconfigSelection(chosen, YAML.writeValueAsString(out), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> parse(Path file) {
    try {
      String text = Files.readString(file);
      Map<String, Object> tree = text.isBlank() ? new LinkedHashMap<>() : YAML.readValue(text, MAP);
      return tree == null ? new LinkedHashMap<>() : tree;
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.unreadableKubeconfig(file.toString(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(
      Map<String, Object> tree,
      String listKey,
      String bodyKey,
      Map<String, Map<String, Object>> into,
      Path base,
      Path file) {
    Object list = tree.get(listKey);
    if (list == null) {
      return;
    }
    if (!(list instanceof List<?> entries)) {
      throw ClusterErrors.unreadableKubeconfig(
          file.toString(), new IllegalArgumentException(listKey + " is not a list"));
    }
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)) {
        throw ClusterErrors.unreadableKubeconfig(
            file.toString(),
            new IllegalArgumentException("an entry of " + listKey + " has no name"));
      }
      if (!into.containsKey(name)) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        Map<String, Object> body = new LinkedHashMap<>(body(copy, bodyKey));
        resolvePaths(bodyKey, body, base);
        copy.put(bodyKey, body);
        into.put(name, copy);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Map<String, Object> entry, String key) {
    return entry.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static void resolvePaths(String kind, Map<String, Object> body, Path base) {
    List<String> keys =
        switch (kind) {
          case "cluster" -> List.of("certificate-authority");
          case "user" -> List.of("client-certificate", "client-key", "tokenFile");
          default -> List.of();
        };
    for (String key : keys) {
      resolve(body, key, base);
    }
    if ("user".equals(kind) && body.get("exec") instanceof Map<?, ?> exec) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) exec);
      // Like kubectl: a bare command is looked up on the PATH; one with a separator is a file.
      if (copy.get("command") instanceof String command && command.contains(File.separator)) {
        resolve(copy, "command", base);
      }
      body.put("exec", copy);
    }
  }

  private static void resolve(Map<String, Object> body, String key, Path base) {
    if (body.get(key) instanceof String value && !value.isBlank() && !Path.of(value).isAbsolute()) {
      body.put(key, base.resolve(value).normalize().toString());
    }
  }
}
