package io.github.milvusmonitored.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cluster.internal.ClusterErrors;
import io.github.milvusmonitored.cluster.internal.Kubeconfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster the user already runs, reached through a kubeconfig. Closing it closes only the client:
 * the cluster keeps running; what was installed is removed by the installers that created it.
 *
 * <pre>{@code
 * ExistingCluster cluster = ExistingCluster.connect(Path.of("/home/me/.kube/ci-config"), "ci");
 * }</pre>
 */
public final class ExistingCluster implements KubernetesCluster {

  private static final Logger LOG = LoggerFactory.getLogger(ExistingCluster.class);
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

  private final KubernetesClient client;
  private final Path kubeconfig;
  private final String source;
  private final String version;

  private ExistingCluster(KubernetesClient client, Path kubeconfig, String source, String version) {
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.source = source;
    this.version = version;
  }

  /**
   * Connects through the kubeconfig at {@code path} using {@code context}, or the file's current
   * context when {@code context} is null, and checks that the API server answers.
   *
   * @throws ClusterException when the file is missing or unreadable, the context unknown, or the
   *     server does not answer within 15 s
   */
  public static ExistingCluster connect(Path path, String context) {
    if (!Files.isRegularFile(path)) {
      throw ClusterErrors.missingKubeconfig(path.toString());
    }
    String yaml;
    try {
      yaml = Files.readString(path);
    } catch (IOException e) {
      throw ClusterErrors.unreadableKubeconfig(path.toString(), e);
    }
    String source = path + (context == null ? "" : " (context " + context + ")");
    requireContext(yaml, context, path.toString());
    KubernetesClient client = Kubeconfigs.client(yaml, context, source);
    try {
      String version = Kubeconfigs.verifyReachable(client, source, REACH_TIMEOUT);
      LOG.info("[cluster] using existing cluster {} (Kubernetes {}) from {}", client.getMasterUrl(), version, source);
      // Helm gets a file holding only what we read, so a later edit of the user's file cannot interfere.
      return new ExistingCluster(client, Kubeconfigs.writePrivate(yaml, "milvus-monitored-existing-"), source, version);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Connects through {@code KUBECONFIG} (its first file) or {@code ~/.kube/config}, current context. */
  public static ExistingCluster connectCurrentContext() {
    String env = System.getenv("KUBECONFIG");
    Path path = env != null && !env.isBlank()
        ? Path.of(env.split(java.io.File.pathSeparator)[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
    return connect(path, null);
  }

  private static void requireContext(String yaml, String context, String source) {
    if (context == null) {
      return;
    }
    try {
      var parsed = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfigFromString(yaml);
      var names = parsed.getContexts().stream().map(c -> c.getName()).toList();
      if (!names.contains(context)) {
        throw ClusterErrors.unknownContext(source, context, names);
      }
    } catch (ClusterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ClusterErrors.unreadableKubeconfig(source, e);
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Path kubeconfigFile() {
    return kubeconfig;
  }

  /** The server's Kubernetes version, e.g. "v1.35.0". */
  public String kubernetesVersion() {
    return version;
  }

  @Override
  public String description() {
    return "existing cluster " + client.getMasterUrl() + " from " + source;
  }

  @Override
  public boolean isDisposable() {
    return false;
  }

  @Override
  public void close() {
    client.close();
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
