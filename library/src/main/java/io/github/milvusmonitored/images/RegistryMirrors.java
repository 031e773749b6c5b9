package io.github.milvusmonitored.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.images.internal.ImageErrors;
import io.github.milvusmonitored.internal.Redaction;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Registry mirrors and credentials for k3s: its {@code /etc/rancher/k3s/registries.yaml}.
 *
 * <p>k3s reads the file when it starts; {@link #applyTo(K3sClusterConfig)} makes {@code K3sCluster}
 * copy it into the container before that. Paths of TLS files are paths inside the k3s container.
 * Note that containerd still falls back to the registry itself when every mirror fails. Example:
 *
 * <pre>{@code
 * RegistryMirrors mirrors = RegistryMirrors.builder()
 *     .withMirror("docker.io", "http://host.docker.internal:5000")
 *     .withMirror("quay.io", "https://mirror.example.com")
 *     .withRewrite("quay.io", "^prometheus/(.*)", "quay/prometheus/$1")
 *     .withAuth("mirror.example.com", "ci", System.getenv("MIRROR_PASSWORD"))
 *     .build();
 * K3sClusterConfig config = mirrors.applyTo(K3sClusterConfig.defaults());
 * }</pre>
 *
 * @param mirrors per registry named in image references ({@code docker.io}, or {@code *} for all)
 * @param configs per registry host contacted ({@code host[:port]}): credentials and TLS
 */
public record RegistryMirrors(Map<String, Mirror> mirrors, Map<String, HostConfig> configs) {

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  /** Keeps the maps read-only and sorted. */
  public RegistryMirrors {
    mirrors = Collections.unmodifiableMap(new TreeMap<>(mirrors));
    configs = Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  /** Starts an empty set of mirrors. */
  public static Builder builder() {
    return new Builder();
  }

  /** The content of {@code registries.yaml}. */
  public String toYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    if (!mirrors.isEmpty()) {
      Map<String, Object> out = new LinkedHashMap<>();
      mirrors.forEach((registry, mirror) -> out.put(registry, mirror.toTree()));
      root.put("mirrors", out);
    }
    if (!configs.isEmpty()) {
      Map<String, Object> out = new LinkedHashMap<>();
      configs.forEach((host, config) -> out.put(host, config.toTree()));
      root.put("configs", out);
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code config} with this file to copy into k3s before it starts. */
  public K3sClusterConfig applyTo(K3sClusterConfig config) {
    return config.withRegistriesYaml(toYaml());
  }

  /**
   * Where to pull one registry's images from.
   *
   * @param endpoints mirror addresses, tried in order
   * @param rewrites regular expression on the repository path to its replacement
   */
  public record Mirror(List<String> endpoints, Map<String, String> rewrites) {

    /** Keeps the collections read-only. */
    public Mirror {
      endpoints = List.copyOf(endpoints);
      rewrites = Collections.unmodifiableMap(new LinkedHashMap<>(rewrites));
    }

    Map<String, Object> toTree() {
      Map<String, Object> tree = new LinkedHashMap<>();
      tree.put("endpoint", endpoints);
      if (!rewrites.isEmpty()) {
        tree.put("rewrite", rewrites);
      }
      return tree;
    }
  }

  /**
   * Credentials and TLS settings for one registry host; {@code null} parts are left out.
   *
   * @param username user name, with {@code password}
   * @param password password, with {@code username}
   * @param identityToken an identity token instead of user name and password
   * @param caFile CA certificate to verify the registry with (path in the container)
   * @param certFile client certificate (path in the container), with {@code keyFile}
   * @param keyFile client key (path in the container), with {@code certFile}
   * @param insecureSkipVerify skip verifying the registry's certificate
   */
  public record HostConfig(
      String username,
      String password,
      String identityToken,
      String caFile,
      String certFile,
      String keyFile,
      boolean insecureSkipVerify) {

    static final HostConfig EMPTY = new HostConfig(null, null, null, null, null, null, false);

    /** The settings with the password and the identity token masked, for logs and messages. */
    @Override
    public String toString() {
      return "HostConfig[username="
          + username
          + ", password="
          + masked(password)
          + ", identityToken="
          + masked(identityToken)
          + ", caFile="
          + caFile
          + ", certFile="
          + certFile
          + ", keyFile="
          + keyFile
          + ", insecureSkipVerify="
          + insecureSkipVerify
          + "]";
    }

    private static String masked(String secret) {
      return secret == null ? null : Redaction.MASK;
    }

    Map<String, Object> toTree() {
      Map<String, Object> auth = new LinkedHashMap<>();
      putIfSet(auth, "username", username);
      putIfSet(auth, "password", password);
      putIfSet(auth, "identity_token", identityToken);
      Map<String, Object> tls = new LinkedHashMap<>();
      putIfSet(tls, "ca_file", caFile);
      putIfSet(tls, "cert_file", certFile);
      putIfSet(tls, "key_file", keyFile);
      if (insecureSkipVerify) {
        tls.put("insecure_skip_verify", true);
      }
      Map<String, Object> tree = new LinkedHashMap<>();
      if (!auth.isEmpty()) {
        tree.put("auth", auth);
      }
      if (!tls.isEmpty()) {
        tree.put("tls", tls);
      }
      return tree;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
      if (value != null) {
        map.put(key, value);
      }
    }
  }

  /**
   * Builds {@link RegistryMirrors}, checking each value as it is given; every {@code withX} returns
   * the builder.
   */
  public static final class Builder {
    private final Map<String, List<String>> endpoints = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> rewrites = new LinkedHashMap<>();
    private final Map<String, HostConfig> configs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds mirror addresses for a registry, e.g. {@code withMirror("docker.io",
     * "https://mirror:5000")}.
     *
     * @param registry the registry images name ({@code docker.io}, {@code quay.io}, ...) or {@code
     *     *}
     * @throws IllegalArgumentException for a malformed registry name, no endpoint or a non-http(s)
     *     one
     */
    public Builder withMirror(String registry, String... endpointAddresses) {
      requireRegistry(registry);
      if (endpointAddresses.length == 0) {
        throw new IllegalArgumentException(ImageErrors.noEndpoints(registry));
      }
      for (String endpoint : endpointAddresses) {
        if (!isHttpAddress(endpoint)) {
          throw new IllegalArgumentException(ImageErrors.invalidEndpoint(registry, endpoint));
        }
        endpoints.computeIfAbsent(registry, key -> new ArrayList<>()).add(endpoint);
      }
      return this;
    }

    /**
     * Adds a rewrite of the repository path for a registry's mirror, e.g. {@code "^rancher/(.*)" ->
     * "mirror/$1"}.
     */
    public Builder withRewrite(String registry, String pattern, String replacement) {
      requireRegistry(registry);
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            ImageErrors.invalidRewrite(registry, pattern, e.getDescription()), e);
      }
      rewrites.computeIfAbsent(registry, key -> new LinkedHashMap<>()).put(pattern, replacement);
      return this;
    }

    /** Logs in to a registry host ({@code host[:port]}) with a user name and password. */
    public Builder withAuth(String host, String username, String password) {
      if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException(ImageErrors.incompleteAuth(host));
      }
      HostConfig c = config(host);
      configs.put(
          host,
          new HostConfig(
              username,
              password,
              null,
              c.caFile(),
              c.certFile(),
              c.keyFile(),
              c.insecureSkipVerify()));
      return this;
    }

    /** Logs in to a registry host with an identity token. */
    public Builder withIdentityToken(String host, String token) {
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException(ImageErrors.incompleteAuth(host));
      }
      HostConfig c = config(host);
      configs.put(
          host,
          new HostConfig(
              null, null, token, c.caFile(), c.certFile(), c.keyFile(), c.insecureSkipVerify()));
      return this;
    }

    /**
     * Sets TLS files for a registry host, as paths inside the k3s container; any may be {@code
     * null}, but a client certificate needs its key.
     */
    public Builder withTls(String host, String caFile, String certFile, String keyFile) {
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException(ImageErrors.incompleteClientCertificate(host));
      }
      HostConfig c = config(host);
      configs.put(
          host,
          new HostConfig(
              c.username(),
              c.password(),
              c.identityToken(),
              caFile,
              certFile,
              keyFile,
              c.insecureSkipVerify()));
      return this;
    }

    /** Skips verifying a registry host's certificate (a self-signed test mirror). */
    public Builder withInsecureSkipVerify(String host) {
      HostConfig c = config(host);
      configs.put(
          host,
          new HostConfig(
              c.username(),
              c.password(),
              c.identityToken(),
              c.caFile(),
              c.certFile(),
              c.keyFile(),
              true));
      return this;
    }

    /** Returns the mirrors; a rewrite needs a mirror of the same registry. */
    public RegistryMirrors build() {
      Map<String, Mirror> mirrors = new LinkedHashMap<>();
      for (String registry : rewrites.keySet()) {
        if (!endpoints.containsKey(registry)) {
          throw new IllegalArgumentException(ImageErrors.noEndpoints(registry));
        }
      }
      endpoints.forEach(
          (registry, list) ->
              mirrors.put(registry, new Mirror(list, rewrites.getOrDefault(registry, Map.of()))));
      return new RegistryMirrors(mirrors, configs);
    }

    private HostConfig config(String host) {
      if (host == null || !HOST.matcher(host).matches()) {
        throw new IllegalArgumentException(ImageErrors.invalidRegistryHost(host));
      }
      return configs.getOrDefault(host, HostConfig.EMPTY);
    }

    private static void requireRegistry(String registry) {
      if (registry == null || !("*".equals(registry) || HOST.matcher(registry).matches())) {
        throw new IllegalArgumentException(ImageErrors.invalidMirrorRegistry(registry));
      }
    }

    private static boolean isHttpAddress(String address) {
      try {
        URI uri = URI.create(address);
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null;
      } catch (IllegalArgumentException | NullPointerException notAUri) {
        return false;
      }
    }
  }
}
