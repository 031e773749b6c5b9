package io.github.milvusmonitored.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the library prints and writes: messages, logs, diagnostics and the
 * timing report. A key is secret-shaped when its name holds password, passwd, secret, token,
 * credential, apikey, accesskey, privatekey, auth or a name ending in {@code key} (access keys,
 * {@code secretKey}, MinIO's {@code rootUser}/{@code rootPassword} included); its value is shown as
 * {@value #MASK}.
 */
public final class Redaction {

  /** What a secret value is shown as. */
  public static final String MASK = "<redacted>";

  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|apikey|api_key|accesskey|access_key|privatekey|private_key"
              + "|auth|rootuser|root_user).*|(?i).*key");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)(\"?[A-Za-z0-9_.\\-]*(?:password|passwd|secret|token|credential|apikey|api_key|accesskey|access_key"
              + "|privatekey|private_key|authorization)[A-Za-z0-9_.\\-]*\"?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;}\\]]+)");
  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*://)[^/\\s@]+@");
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private Redaction() {}

  /**
   * Whether a key's value should never be shown, e.g. {@code password}, {@code accessKey}, {@code
   * token}.
   */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /**
   * {@code text} with secret-looking {@code key: value} / {@code key=value} pairs masked and the
   * user information of URLs ({@code https://user:password@host}) replaced by {@code ***}.
   */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String masked =
        KEY_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    return USERINFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
  }

  /** {@code uri} without its user information ({@code http://***@host:9090/}), for messages. */
  public static URI uri(URI uri) {
    if (uri == null || uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(
          uri.getScheme(),
          "***",
          uri.getHost(),
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      return URI.create(uri.getScheme() + "://***@" + uri.getHost());
    }
  }

  /**
   * A copy of a values tree (maps, lists, scalars) with the values of secret-shaped keys masked.
   */
  public static Object tree(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (k, v) ->
              copy.put(
                  String.valueOf(k),
                  isSecretKey(String.valueOf(k))
                          && !(v instanceof Map<?, ?>)
                          && !(v instanceof List<?>)
                          && v != null
                      ? MASK
                      : tree(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(tree(item)));
      return copy;
    }
    return node;
  }

  /**
   * A YAML document with the values of secret-shaped keys masked, keys and structure kept; a
   * document that does not parse is not shown at all.
   */
  public static String yaml(String yaml) {
    try {
      Object tree = YAML.readValue(yaml, Object.class);
      return tree == null ? "" : YAML.writeValueAsString(tree(tree));
    } catch (IOException | RuntimeException e) {
      return "(not shown: the YAML did not parse, so its secrets could not be hidden: "
          + parserMessage(e)
          + ")";
    }
  }

  /** The dotted paths of a values tree's leaves, for naming what was set without its values. */
  public static List<String> leafPaths(Map<String, ?> tree) {
    List<String> paths = new ArrayList<>();
    collect("", tree, paths);
    return paths;
  }

  private static void collect(String prefix, Object node, List<String> paths) {
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) -> collect(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, paths));
    } else {
      paths.add(prefix);
    }
  }

  /**
   * A parser's error without the source lines it quotes: its first line and, when it names one, the
   * position, e.g. {@code mapping values are not allowed here (line 6, column 30)}. YAML and JSON
   * parsers print the offending line, which in a kubeconfig or values file may hold a token.
   */
  public static String parserMessage(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    String first = message.lines().findFirst().orElse("").strip();
    Matcher position = POSITION.matcher(message);
    String where =
        position.find()
            ? " (line " + position.group(1) + ", column " + position.group(2) + ")"
            : "";
    return error.getClass().getSimpleName() + ": " + text(first) + where;
  }
}
